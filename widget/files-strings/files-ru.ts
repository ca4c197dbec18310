/** The attachment chunk's Russian strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Убрать {name}",
  failed: "Не загружено",
  offline: "Не загружено: нет соединения",
  too_large: "Файл слишком большой",
  too_large_max: "Слишком большой: файлы не больше {max}",
  unsupported_type: "Файлы такого типа отправить нельзя",
  too_many: "Слишком много файлов в этом чате",
} satisfies FilesStrings;
