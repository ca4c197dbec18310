/** The attachment chunk's Turkish strings. */
import type { FilesStrings } from "./files-strings";

export default {
  remove: "Kaldır: {name}",
  failed: "Yüklenmedi",
  offline: "Yüklenmedi: bağlantı yok",
  too_large: "Bu dosya çok büyük",
  too_large_max: "Çok büyük: dosyalar en fazla {max} olabilir",
  unsupported_type: "Bu türde dosya gönderilemez",
  too_many: "Bu sohbette çok fazla dosya var",
} satisfies FilesStrings;
