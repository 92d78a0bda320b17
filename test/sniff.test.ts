import { describe, it, expect } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { sniffFile, sanitizeFilename, zipEntryNames } from '../engine/files/index.js';
import { AppError } from '../engine/errors.js';

// ---- real bytes, made here --------------------------------------------------------------

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

function png1x1(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 0]))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(16), Buffer.from([0xff, 0xd9])]);
const WEBP = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L', 'latin1'), Buffer.alloc(18)]);
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

/** A ZIP with stored (uncompressed) entries, the shape of every OOXML package. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name);
    const data = Buffer.from(text);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt32LE(crc32(data), 16);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, data);
    central.push(cen, nameBuf);
    offset += head.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const DOCX = zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('房屋').addRow(['幢号', '房号', '建筑面积']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 415 message, or the sniffed mime when the file is accepted. */
function outcome(buf: Buffer, name: string): string {
  try {
    return sniffFile(buf, name).mime;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNSUPPORTED_MEDIA');
    expect((err as AppError).status).toBe(415);
    return `refused: ${(err as AppError).message}`;
  }
}

// ---- accepted --------------------------------------------------------------------------

describe('上传文件：按内容识别类型', () => {
  it.each([
    ['营业执照.pdf', PDF, 'application/pdf'],
    ['现场照片.png', png1x1(), 'image/png'],
    ['现场照片.JPG', JPEG, 'image/jpeg'],
    ['示意图.gif', GIF, 'image/gif'],
    ['示意图.webp', WEBP, 'image/webp'],
    ['承诺书.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['承诺书.doc', OLE, 'application/msword'],
    ['房屋清单.xls', OLE, 'application/vnd.ms-excel'],
    ['无扩展名的扫描件', PDF, 'application/pdf'],
  ])('accepts %s', (name, bytes, mime) => {
    expect(outcome(bytes, name)).toBe(mime);
  });

  it('accepts a real .xlsx written by exceljs, judged by its xl/ parts', async () => {
    const xlsx = await realXlsx();
    expect(zipEntryNames(xlsx)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    expect(outcome(xlsx, '房屋清单.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('tolerates one image format saved under another image extension (served as what it is)', () => {
    expect(outcome(JPEG, '照片.png')).toBe('image/jpeg');
  });
});

// ---- refused ---------------------------------------------------------------------------

describe('上传文件：拒绝网页、脚本、程序和伪装的文件', () => {
  it('refuses an HTML page named .pdf and says it is HTML', () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    expect(outcome(html, '营业执照.pdf')).toMatch(/^refused: 不支持的文件类型：HTML 网页/);
    expect(outcome(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  <html>')]), 'a.pdf')).toContain('HTML 网页');
  });

  it('refuses an ELF executable whatever its name', () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
    expect(outcome(elf, 'scan.pdf')).toContain('ELF 可执行程序');
    expect(outcome(elf, 'tool')).toContain('ELF 可执行程序');
    expect(outcome(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]), 'setup.doc')).toContain('Windows 可执行程序');
  });

  it('refuses scripts and SVG', () => {
    expect(outcome(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh')).toContain('脚本文件');
    expect(outcome(Buffer.from('<?php system($_GET["c"]); ?>'), 'x.jpg')).toContain('服务器脚本');
    expect(outcome(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg')).toContain('SVG');
    expect(outcome(Buffer.from('alert(1)\n'), 'a.js')).toContain('文本或脚本文件');
  });

  it('tells the user which types are accepted', () => {
    expect(outcome(Buffer.from('hello'), 'a.txt')).toContain('仅支持 PDF');
  });

  it('refuses a name whose extension contradicts the content', () => {
    expect(outcome(PDF, '照片.png')).toBe('refused: 不支持的文件类型：文件名扩展名 .png 与文件内容（PDF 文档）不符');
    expect(outcome(png1x1(), 'report.pdf')).toContain('与文件内容（PNG 图片）不符');
    expect(outcome(DOCX, '清单.xlsx')).toContain('与文件内容（Word 文档）不符');
    expect(outcome(OLE, '扫描件.pdf')).toContain('OLE 复合文档');
  });

  it('accepts a ZIP only when it really is a Word or Excel package', async () => {
    const plain = zip({ 'readme.txt': 'hi', 'evil.exe': 'MZ' });
    expect(outcome(plain, '承诺书.docx')).toContain('ZIP 压缩包');
    expect(outcome(plain, 'files.zip')).toContain('ZIP 压缩包');
    // A truncated upload has no central directory: not a usable document.
    const xlsx = await realXlsx();
    expect(outcome(xlsx.subarray(0, xlsx.length - 30), '房屋清单.xlsx')).toContain('ZIP 压缩包');
  });

  it('refuses macro-enabled documents renamed to .docx', () => {
    const docm = zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'x' });
    expect(outcome(docm, '承诺书.docx')).toContain('含宏的 Office 文件');
  });

  it('refuses an OLE file without a .doc/.xls name (installers are OLE too)', () => {
    expect(outcome(OLE, 'setup.msi')).toContain('扩展名为 .msi 的 OLE 复合文档');
  });
});

describe('上传文件名的清理', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\张三\\Desktop\\营业执照.pdf', '营业执照.pdf'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['a\u0000b\r\n.pdf', 'ab.pdf'],
    ['..', '未命名文件'],
    ['', '未命名文件'],
    ['  .hidden.pdf ', 'hidden.pdf'],
  ])('%j becomes %j', (raw, clean) => {
    expect(sanitizeFilename(raw)).toBe(clean);
  });

  it('keeps at most 120 characters and the extension', () => {
    const long = `${'物业服务合同'.repeat(40)}.pdf`;
    const clean = sanitizeFilename(long);
    expect(Array.from(clean)).toHaveLength(120);
    expect(clean.endsWith('.pdf')).toBe(true);
  });
});
