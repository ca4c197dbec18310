/** The attachment chunk's German strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "{name} entfernen",
  failed: "Nicht hochgeladen",
  offline: "Nicht hochgeladen: keine Verbindung",
  too_large: "Diese Datei ist zu groß",
  too_large_max: "Zu groß: Dateien dürfen höchstens {max} groß sein",
  unsupported_type: "Dateien dieser Art können nicht gesendet werden",
  too_many: "Zu viele Dateien in diesem Chat",
} satisfies FilesStrings;
