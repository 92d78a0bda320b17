// What an upload really is, from its bytes. The declared name and Content-Type are the client's
// word; a filing platform that serves uploads back to reviewers must not become a host for HTML,
// scripts or executables, so only documents and images are accepted, and a name whose extension
// contradicts the content is refused.
import { AppError } from '../errors.js';
import { extensionOf } from '../shared/form-manifest.js';

export interface Sniffed {
  kind: 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'doc' | 'xls';
  mime: string;
  /** Canonical extension, with the dot. */
  ext: string;
}

const ACCEPTED = '仅支持 PDF、PNG/JPEG/GIF/WebP 图片、Word（.doc/.docx）和 Excel（.xls/.xlsx）文件';

const TYPES: Record<Sniffed['kind'], { mime: string; exts: string[]; label: string }> = {
  pdf: { mime: 'application/pdf', exts: ['.pdf'], label: 'PDF 文档' },
  png: { mime: 'image/png', exts: ['.png'], label: 'PNG 图片' },
  jpeg: { mime: 'image/jpeg', exts: ['.jpg', '.jpeg', '.jpe'], label: 'JPEG 图片' },
  gif: { mime: 'image/gif', exts: ['.gif'], label: 'GIF 图片' },
  webp: { mime: 'image/webp', exts: ['.webp'], label: 'WebP 图片' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['.docx'], label: 'Word 文档' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['.xlsx'], label: 'Excel 表格' },
  doc: { mime: 'application/msword', exts: ['.doc'], label: 'Word 97-2003 文档' },
  xls: { mime: 'application/vnd.ms-excel', exts: ['.xls'], label: 'Excel 97-2003 表格' },
};
const IMAGES = new Set<Sniffed['kind']>(['png', 'jpeg', 'gif', 'webp']);

const startsWith = (buf: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return buf.length >= at + bytes.length && buf.subarray(at, at + bytes.length).equals(bytes);
};

// Shared with the browser's upload widget, which checks the extension before uploading.
export { extensionOf };

/**
 * Entry names from a ZIP's central directory (read from the end of the file, where the
 * directory is authoritative), or null when the archive is not a well-formed, complete ZIP.
 */
export function zipEntryNames(buf: Buffer): string[] | null {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= stop; at--) {
    if (buf.readUInt32LE(at) !== EOCD) continue;
    const entries = buf.readUInt16LE(at + 10);
    let p = buf.readUInt32LE(at + 16);
    const names: string[] = [];
    for (let i = 0; i < entries; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) return null;
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      if (p + 46 + nameLen > buf.length) return null;
      names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return null;
}

/** A Chinese description of bytes we refuse, for the error message. */
function describeRefused(buf: Buffer): string {
  const text = buf.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return 'ELF 可执行程序';
  if (startsWith(buf, 'MZ')) return 'Windows 可执行程序';
  if ([[0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(buf, s))) return '可执行程序或 Java 类文件';
  if (startsWith(buf, '#!')) return '脚本文件';
  if (/^<(!doctype html|html|head|body|script|iframe|meta)\b/.test(text)) return 'HTML 网页';
  if (/^<svg\b/.test(text) || (/^<\?xml/.test(text) && text.includes('<svg'))) return 'SVG 图像（可含脚本）';
  if (/^<\?xml/.test(text)) return 'XML 文件';
  if (/^<\?php/.test(text) || /^<%/.test(text)) return '服务器脚本';
  if (startsWith(buf, 'PK\x03\x04') || startsWith(buf, 'PK\x05\x06')) return 'ZIP 压缩包';
  if (startsWith(buf, 'Rar!') || startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(buf, [0x1f, 0x8b])) return '压缩包';
  if (buf.length === 0) return '空文件';
  // Printable text without a known signature: a script, CSV or plain text, none of which we serve.
  // eslint-disable-next-line no-control-regex -- tab, LF and CR are what makes a file plain text
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(buf.subarray(0, 512).toString('latin1')) ? '文本或脚本文件' : '无法识别的文件格式';
}

const refuse = (detail: string) => new AppError('UNSUPPORTED_MEDIA', { detail: `${detail}（${ACCEPTED}）` });

/** The kind of an OOXML package, judged by its part names; null when it is neither Word nor Excel. */
function officeZipKind(buf: Buffer): 'docx' | 'xlsx' | 'macro' | null {
  const names = zipEntryNames(buf);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (.docm/.xlsm renamed) carry code that runs when opened.
  if (names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) return 'macro';
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return null;
}

/** Detects an accepted kind from the whole file, or throws 415 UNSUPPORTED_MEDIA naming what it found. */
export function sniffFile(buf: Buffer, filename: string): Sniffed {
  const ext = extensionOf(filename);
  let kind: Sniffed['kind'] | null = null;
  if (startsWith(buf, '%PDF-')) kind = 'pdf';
  else if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'png';
  else if (startsWith(buf, [0xff, 0xd8, 0xff])) kind = 'jpeg';
  else if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) kind = 'gif';
  else if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) kind = 'webp';
  else if (startsWith(buf, 'PK\x03\x04')) {
    const office = officeZipKind(buf);
    if (office === 'macro') throw refuse('含宏的 Office 文件');
    if (!office) throw refuse('ZIP 压缩包');
    kind = office;
  } else if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE compound files also hold installers (.msi) and other things; without parsing the
    // directory only the declared extension tells a Word from an Excel file, so it is required.
    if (ext === '.doc') kind = 'doc';
    else if (ext === '.xls') kind = 'xls';
    else throw refuse(`扩展名为 ${ext || '（无）'} 的 OLE 复合文档`);
  }
  if (!kind) throw refuse(describeRefused(buf));

  const def = TYPES[kind];
  if (ext && !def.exts.includes(ext)) {
    // One image format saved under another's extension is common and harmless: we serve the
    // sniffed type with nosniff. Any other mismatch may be a disguise.
    const other = (Object.keys(TYPES) as Sniffed['kind'][]).find((k) => TYPES[k].exts.includes(ext));
    if (!(other && IMAGES.has(other) && IMAGES.has(kind))) {
      throw new AppError('UNSUPPORTED_MEDIA', { detail: `文件名扩展名 ${ext} 与文件内容（${def.label}）不符` });
    }
  }
  return { kind, mime: def.mime, ext: def.exts[0] };
}
