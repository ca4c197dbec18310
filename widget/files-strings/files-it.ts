/** The attachment chunk's Italian strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Rimuovi {name}",
  failed: "Non caricato",
  offline: "Non caricato: nessuna connessione",
  too_large: "Questo file è troppo grande",
  unsupported_type: "Non è possibile inviare file di questo tipo",
  too_many: "Troppi file in questa chat",
} satisfies FilesStrings;
