/** The attachment chunk's Portuguese (Brazil) strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Remover {name}",
  failed: "Não enviado",
  offline: "Não enviado: sem conexão",
  too_large: "Este arquivo é grande demais",
  too_large_max: "Grande demais: os arquivos podem ter até {max}",
  unsupported_type: "Não é possível enviar arquivos deste tipo",
  too_many: "Arquivos demais nesta conversa",
} satisfies FilesStrings;
