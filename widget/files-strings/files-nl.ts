/** The attachment chunk's Dutch strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "{name} verwijderen",
  failed: "Niet geüpload",
  offline: "Niet geüpload: geen verbinding",
  too_large: "Dit bestand is te groot",
  too_large_max: "Te groot: bestanden mogen maximaal {max} zijn",
  unsupported_type: "Dit soort bestand kan niet worden verstuurd",
  too_many: "Te veel bestanden in deze chat",
} satisfies FilesStrings;
