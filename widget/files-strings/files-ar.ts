/** The attachment chunk's Arabic strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "إزالة {name}",
  failed: "لم يُرفع الملف",
  offline: "لم يُرفع الملف: لا يوجد اتصال",
  too_large: "هذا الملف كبير جدًا",
  too_large_max: "الملف كبير جدًا: الحد الأقصى للملف {max}",
  unsupported_type: "لا يمكن إرسال هذا النوع من الملفات",
  too_many: "ملفات كثيرة جدًا في هذه المحادثة",
} satisfies FilesStrings;
