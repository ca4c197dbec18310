/** The attachment chunk's French strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Retirer {name}",
  failed: "Non envoyé",
  offline: "Non envoyé : pas de connexion",
  too_large: "Ce fichier est trop volumineux",
  unsupported_type: "Ce type de fichier ne peut pas être envoyé",
  too_many: "Trop de fichiers dans cette conversation",
} satisfies FilesStrings;
