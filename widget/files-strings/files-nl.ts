/** The attachment chunk's Dutch strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "{name} verwijderen",
  failed: "Niet geüpload",
  offline: "Niet geüpload: geen verbinding",
  too_large: "Dit bestand is te groot",
  unsupported_type: "Dit soort bestand kan niet worden verstuurd",
  too_many: "Te veel bestanden in deze chat",
} satisfies FilesStrings;
