/**
 * What a file is, from its bytes alone (magic numbers), never its name or declared type: the
 * upload route stores and serves what this finds, so a script named `cat.png` is refused and a
 * PDF is never served as HTML. Images also report their size in pixels when the header has it.
 * SVG is not recognised on purpose (it can carry script).
 */
import { AttachmentKind } from "../../protocol";

export interface SniffedType {
  kind: AttachmentKind;
  /** The media type served with the file. */
  type: string;
  width?: number;
  height?: number;
}

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((byte, i) => bytes[i] === byte);

export function sniffType(bytes: Uint8Array): SniffedType | null {
  return sniffImage(bytes) ?? sniffDocument(bytes) ?? sniffText(bytes);
}

function sniffImage(bytes: Uint8Array): SniffedType | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const image = (type: string, width?: number, height?: number): SniffedType => ({
    kind: AttachmentKind.image,
    type,
    ...(width && height ? { width, height } : {}),
  });
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && bytes.length >= 24)
    return image("image/png", view.getUint32(16), view.getUint32(20));
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a"))
    return bytes.length >= 10 ? image("image/gif", view.getUint16(6, true), view.getUint16(8, true)) : null;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image("image/jpeg", ...jpegSize(bytes, view));
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP"))
    return image("image/webp", ...webpSize(bytes, view));
  return null;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): [number?, number?] {
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = view.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return [view.getUint16(at + 7), view.getUint16(at + 5)];
    at += 2 + length;
  }
  return [];
}

function webpSize(bytes: Uint8Array, view: DataView): [number?, number?] {
  if (bytes.length < 30) return [];
  if (ascii(bytes, 12, "VP8X"))
    return [1 + (view.getUint32(24, true) & 0xffffff), 1 + (view.getUint32(27, true) & 0xffffff)];
  if (ascii(bytes, 12, "VP8 ")) return [view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff];
  if (ascii(bytes, 12, "VP8L")) {
    const bits = view.getUint32(21, true);
    return [1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)];
  }
  return [];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Office files are zips (OOXML, OpenDocument) or OLE compound files (the 97-2003 formats). */
function sniffDocument(bytes: Uint8Array): SniffedType | null {
  if (ascii(bytes, 0, "%PDF-")) return { kind: AttachmentKind.pdf, type: "application/pdf" };
  if (startsWith(bytes, OLE)) return { kind: AttachmentKind.office, type: "application/vnd.ms-office" };
  if (!startsWith(bytes, ZIP)) return null;
  // OpenDocument: a stored `mimetype` entry first, its content right after the name.
  if (ascii(bytes, 30, "mimetypeapplication/vnd.oasis.opendocument.")) {
    const end = bytes.indexOf(0x50, 38); // the next header's "PK"
    const type = new TextDecoder().decode(bytes.subarray(38, end > 38 ? end : 38 + 60));
    if (/^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/.test(type))
      return { kind: AttachmentKind.office, type };
  }
  // OOXML: the part names are in the central directory at the end (and the local headers).
  const names = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 256 * 1024)));
  const ooxml: [string, string][] = [
    ["word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  ];
  if (names.includes("[Content_Types].xml"))
    for (const [folder, type] of ooxml)
      if (names.includes(folder)) return { kind: AttachmentKind.office, type };
  return { kind: AttachmentKind.zip, type: "application/zip" };
}

/**
 * Plain text: valid UTF-8 without NUL or other control characters than tab, line breaks, form
 * feed, and not markup: a page or an SVG is not "plain text", whatever it is named.
 */
function sniffText(bytes: Uint8Array): SniffedType | null {
  if (bytes.length === 0) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  if (/^\s*<(!doctype|html|head|body|script|svg|iframe|\?xml)/i.test(text.replace(/^\uFEFF/, "")))
    return null;
  return { kind: AttachmentKind.text, type: "text/plain; charset=utf-8" };
}
