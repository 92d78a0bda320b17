// Before an uploaded workbook reaches the XML parser: is it an .xlsx at all, and can it be opened
// safely? An .xlsx is a ZIP; a "zip bomb" declares (or hides) gigabytes behind a few kilobytes.
// We read the central directory, check every local header against it (so the streaming parser,
// which reads local headers front to back, sees exactly the entries checked here), refuse declared
// sizes over the limits, then inflate every entry once, counting, and stop the moment an entry
// produces more than it declared. Only then is the file handed to exceljs.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { AppError } from '../errors.js';

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxUncompressed: number;
  /** Uncompressed / compressed, for entries large enough to matter. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressed: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };
/** Entries smaller than this may compress very well without danger (tiny repetitive XML). */
const RATIO_FLOOR = 1024 * 1024;

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

export interface ZipReport {
  entries: number;
  uncompressed: number;
  /** Rows of the first worksheet per its <dimension> element, when it has one. */
  dimensionRows?: number;
}

const notXlsx = (detail: string) => new AppError('UNSUPPORTED_MEDIA', { detail });
/** How a dangerous archive is refused: an import says the file cannot be imported, an attachment upload that it cannot be taken. */
type Refuse = (reason: string) => AppError;
const importRefused: Refuse = (reason) => new AppError('IMPORT_FILE_INVALID', { reason });
const uploadRefused: Refuse = (reason) => new AppError('FILE_UNSAFE', { reason });
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Where the archive's bytes are: an import's file on disk, or an attachment already in memory. */
interface ZipSource {
  size: number;
  readAt(pos: number, len: number): Promise<Buffer>;
  /** Bytes start..end (inclusive) as a stream. */
  stream(start: number, end: number): Readable;
}

async function fileSource(fd: fs.promises.FileHandle, file: string): Promise<ZipSource> {
  return {
    size: (await fd.stat()).size,
    readAt: async (pos, len) => {
      const buf = Buffer.alloc(len);
      const { bytesRead } = await fd.read(buf, 0, len, pos);
      return buf.subarray(0, bytesRead);
    },
    stream: (start, end) => fs.createReadStream(file, { start, end }),
  };
}

function bufferSource(buf: Buffer): ZipSource {
  return {
    size: buf.length,
    readAt: async (pos, len) => buf.subarray(pos, pos + len),
    stream: (start, end) => Readable.from([buf.subarray(start, end + 1)]),
  };
}

/** ZIP64 extra field (0x0001): the 64-bit values of whichever fields were 0xFFFFFFFF. */
function zip64(extra: Buffer, e: Entry) {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => { const v = Number(extra.readBigUInt64LE(q)); q += 8; return v; };
      if (e.uncompressed === 0xffffffff) e.uncompressed = next();
      if (e.compressed === 0xffffffff) e.compressed = next();
      if (e.offset === 0xffffffff) e.offset = next();
      return;
    }
    p += 4 + len;
  }
}

async function centralDirectory(src: ZipSource, limits: ZipLimits, unsafe: Refuse): Promise<{ entries: Entry[]; cdOffset: number }> {
  const size = src.size;
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await src.readAt(size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { at = i; break; }
  if (at < 0) throw notXlsx('文件不完整或不是有效的 .xlsx 文件（找不到 ZIP 目录）');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const locAt = at - 20;
    if (locAt < 0 || tail.readUInt32LE(locAt) !== 0x07064b50) throw notXlsx('ZIP64 目录不完整');
    const rec = await src.readAt(Number(tail.readBigUInt64LE(locAt + 8)), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== 0x06064b50) throw notXlsx('ZIP64 目录不完整');
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (count > limits.maxEntries) throw unsafe(`压缩包内文件过多（${count} 个）`);
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw notXlsx('ZIP 目录损坏');
  const cd = await src.readAt(cdOffset, cdSize);
  const entries: Entry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw notXlsx('ZIP 目录损坏');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const e: Entry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLen), flags: cd.readUInt16LE(p + 8), method: cd.readUInt16LE(p + 10),
      compressed: cd.readUInt32LE(p + 20), uncompressed: cd.readUInt32LE(p + 24), offset: cd.readUInt32LE(p + 42),
    };
    zip64(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, cdOffset };
}

function checkWorkbookParts(entries: Entry[]): void {
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw notXlsx('不是 Excel 工作簿（.xlsx），请使用下载的模板');
  if (!entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) throw notXlsx('工作簿中没有工作表');
  if (entries.some((e) => /vbaproject\.bin$/i.test(e.name))) throw notXlsx('含宏的 Excel 文件（.xlsm），请另存为 .xlsx');
}

function checkDeclared(entries: Entry[], limits: ZipLimits, unsafe: Refuse): number {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw unsafe('文件已加密，请取消密码保护后再导入');
    if (e.method !== 0 && e.method !== 8) throw notXlsx(`不支持的压缩方式（${e.method}）`);
    if (e.method === 0 && e.compressed !== e.uncompressed) throw notXlsx('ZIP 条目大小不一致');
    total += e.uncompressed;
    if (total > limits.maxUncompressed) throw unsafe(`解压后超过 ${mb(limits.maxUncompressed)}，疑似压缩炸弹`);
    if (e.uncompressed > RATIO_FLOOR && e.uncompressed > limits.maxRatio * Math.max(e.compressed, 1)) {
      throw unsafe(`压缩比异常（${e.name} 超过 ${limits.maxRatio} 倍），疑似压缩炸弹`);
    }
  }
  return total;
}

/** Local headers must match the directory, back to back, so a front-to-back reader sees the same entries. */
async function checkLayout(src: ZipSource, entries: Entry[], cdOffset: number): Promise<Array<Entry & { dataStart: number }>> {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  const out: Array<Entry & { dataStart: number }> = [];
  let expected = 0;
  for (const e of sorted) {
    const gap = e.offset - expected;
    // A data descriptor (12–24 bytes) may follow an entry written in streaming mode.
    if (gap !== 0 && !(out.length && out[out.length - 1].flags & 0x8 && gap >= 12 && gap <= 24)) throw notXlsx('ZIP 结构异常（条目之间有多余数据）');
    const h = await src.readAt(e.offset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw notXlsx('ZIP 结构异常（条目头损坏）');
    const nameLen = h.readUInt16LE(26);
    const extraLen = h.readUInt16LE(28);
    const name = (await src.readAt(e.offset + 30, nameLen)).toString('utf8');
    if (name !== e.name || h.readUInt16LE(8) !== e.method) throw notXlsx('ZIP 结构异常（条目头与目录不符）');
    const localCompressed = h.readUInt32LE(18);
    if (!(h.readUInt16LE(6) & 0x8) && localCompressed !== 0xffffffff && localCompressed !== e.compressed) throw notXlsx('ZIP 结构异常（条目大小与目录不符）');
    const dataStart = e.offset + 30 + nameLen + extraLen;
    out.push({ ...e, dataStart });
    expected = dataStart + e.compressed;
  }
  const tail = cdOffset - expected;
  if (tail !== 0 && !(out.length && out[out.length - 1].flags & 0x8 && tail >= 12 && tail <= 24)) throw notXlsx('ZIP 结构异常（目录前有多余数据）');
  return out;
}

/** Inflates one entry, counting; refuses the moment it yields more than declared. Returns its head. */
async function inflateCounted(src: ZipSource, e: Entry & { dataStart: number }, keepHead: number, unsafe: Refuse): Promise<Buffer> {
  if (e.compressed === 0) return Buffer.alloc(0);
  const source = src.stream(e.dataStart, e.dataStart + e.compressed - 1);
  let produced = 0;
  const head: Buffer[] = [];
  let headLen = 0;
  const counter = new Writable({
    write(chunk: Buffer, _enc, cb) {
      produced += chunk.length;
      if (produced > e.uncompressed) return cb(unsafe(`条目 ${e.name} 解压后超过其声明的大小，疑似压缩炸弹`));
      if (headLen < keepHead) { head.push(chunk); headLen += chunk.length; }
      cb();
    },
  });
  try {
    if (e.method === 8) await pipeline(source, zlib.createInflateRaw(), counter);
    else await pipeline(source, counter);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx(`文件已损坏（${e.name} 无法解压）`);
  }
  if (produced !== e.uncompressed) throw notXlsx(`文件已损坏（${e.name} 大小与声明不符）`);
  return Buffer.concat(head).subarray(0, keepHead);
}

/** Checks an uploaded file is a safe .xlsx; throws 415 / IMPORT_FILE_INVALID with the reason in Chinese. */
export async function inspectXlsx(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipReport> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const src = await fileSource(fd, file);
    const head = await src.readAt(0, 8);
    if (src.size === 0) throw notXlsx('空文件');
    if (head.length >= 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      throw notXlsx('Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入');
    }
    if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) throw notXlsx('不是 Excel（.xlsx）文件，请使用下载的模板并以 .xlsx 格式保存');
    return await inspect(src, limits, importRefused, true);
  } finally {
    await fd.close();
  }
}

/**
 * The same inspection for an Office file (.docx/.xlsx) uploaded as an attachment, already in
 * memory: stored attachments are opened later by officers' Office and by our own readers.
 */
export async function inspectOfficeZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipReport> {
  return inspect(bufferSource(buf), limits, uploadRefused, false);
}

async function inspect(src: ZipSource, limits: ZipLimits, unsafe: Refuse, workbook: boolean): Promise<ZipReport> {
  const { entries, cdOffset } = await centralDirectory(src, limits, unsafe);
  if (workbook) checkWorkbookParts(entries);
  const total = checkDeclared(entries, limits, unsafe);
  const laid = await checkLayout(src, entries, cdOffset);
  const firstSheet = laid.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => Number(a.name.match(/\d+/)![0]) - Number(b.name.match(/\d+/)![0]))[0];
  let dimensionRows: number | undefined;
  for (const e of laid) {
    const headBytes = await inflateCounted(src, e, e === firstSheet ? 4096 : 0, unsafe);
    if (e === firstSheet) {
      const m = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(headBytes.toString('utf8'));
      if (m) dimensionRows = Number(m[1]);
    }
  }
  return { entries: entries.length, uncompressed: total, dimensionRows };
}
