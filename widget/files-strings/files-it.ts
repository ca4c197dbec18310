/** The attachment chunk's Italian strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Rimuovi {name}",
  failed: "Non caricato",
  offline: "Non caricato: nessuna connessione",
  too_large: "Questo file è troppo grande",
  too_large_max: "Troppo grande: i file possono essere al massimo di {max}",
  unsupported_type: "Non è possibile inviare file di questo tipo",
  too_many: "Troppi file in questa chat",
} satisfies FilesStrings;
