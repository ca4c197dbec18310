/** The attachment chunk's Chinese (simplified) strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "移除 {name}",
  failed: "未上传",
  offline: "未上传：没有网络连接",
  too_large: "文件太大",
  too_large_max: "文件过大：最大 {max}",
  unsupported_type: "无法发送此类文件",
  too_many: "此对话中的文件过多",
} satisfies FilesStrings;
