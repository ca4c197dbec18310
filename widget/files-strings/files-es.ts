/** The attachment chunk's Spanish strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Quitar {name}",
  failed: "No se ha subido",
  offline: "No se ha subido: sin conexión",
  too_large: "El archivo es demasiado grande",
  too_large_max: "Demasiado grande: los archivos pueden ocupar hasta {max}",
  unsupported_type: "No se pueden enviar archivos de este tipo",
  too_many: "Demasiados archivos en este chat",
} satisfies FilesStrings;
