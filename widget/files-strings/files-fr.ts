/** The attachment chunk's French strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Retirer {name}",
  failed: "Non envoyé",
  offline: "Non envoyé : pas de connexion",
  too_large: "Ce fichier est trop volumineux",
  too_large_max: "Trop volumineux : les fichiers peuvent faire jusqu'à {max}",
  unsupported_type: "Ce type de fichier ne peut pas être envoyé",
  too_many: "Trop de fichiers dans cette conversation",
} satisfies FilesStrings;
