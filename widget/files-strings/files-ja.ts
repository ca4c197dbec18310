/** The attachment chunk's Japanese strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "{name} を取り除く",
  failed: "アップロードできませんでした",
  offline: "アップロードできませんでした: 接続がありません",
  too_large: "ファイルが大きすぎます",
  too_large_max: "ファイルが大きすぎます（最大 {max}）",
  unsupported_type: "この種類のファイルは送信できません",
  too_many: "このチャットのファイルが多すぎます",
} satisfies FilesStrings;
