/** The attachment chunk's Hebrew strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "הסרת {name}",
  failed: "הקובץ לא הועלה",
  offline: "הקובץ לא הועלה: אין חיבור",
  too_large: "הקובץ גדול מדי",
  too_large_max: "הקובץ גדול מדי: עד {max} לקובץ",
  unsupported_type: "אי אפשר לשלוח קבצים מסוג זה",
  too_many: "יותר מדי קבצים בשיחה הזו",
} satisfies FilesStrings;
