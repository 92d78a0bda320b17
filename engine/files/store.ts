// Uploaded files live in the database: content-addressed blobs (one row per sha256, so the same
// scan uploaded twice is stored once) and a File row per upload. Keeping them in the database
// rather than on one server's disk lets any server answer any download.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { insertInto } from '../db/index.js';
import { AppError, formInvalid } from '../errors.js';
import type { SessionUser } from '../auth/types.js';
import { sniffFile } from './sniff.js';
import { formatBytes } from './bytes.js';
import { inspectOfficeZip } from './zip-guard.js';
import { sqlValue } from '../db/raw.js';
import { ATTACHMENT_TYPES, acceptedTypes } from '../shared/form-manifest.js';

const INSERT_CASE_FILE = insertInto('case_files', ['caseId', 'fileId', 'createdAt']);

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mime: string;
}

export interface FileRow extends StoredFile {
  uploadedBy: number | null;
}

const MAX_NAME = 120;

type Row = Record<string, unknown>;
// Raw reads come back as plain rows; Sequelize's typings only know model instances.
const asRows = (m: unknown) => m as Row[];


/**
 * A file name safe to store and to send back: the last path segment only (browsers and old
 * clients send full paths; '../../etc/passwd' becomes 'passwd'), no control or bidi-override
 * characters (which disguise 'exe.pdf' as 'fdp.exe'), at most 120 characters keeping the extension.
 */
export function sanitizeFilename(raw: string): string {
  const base = String(raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what must go
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  name = name.replace(/^\.+/, '').trim(); // '..', hidden files
  if (!name) return '未命名文件';
  const chars = Array.from(name); // code points: never cut a character in half
  if (chars.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 11 ? Array.from(name.slice(dot)) : [];
  return chars.slice(0, MAX_NAME - ext.length).join('') + ext.join('');
}

/** Reads a stream up to limit bytes; 413 when it is longer (or when multipart already cut it off). */
async function readLimited(stream: Readable & { truncated?: boolean }, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    // Keep draining after the limit so the client gets our answer rather than a reset connection.
    if (size > limit) over = true;
    else chunks.push(chunk as Buffer);
  }
  if (over || stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(limit) });
  return Buffer.concat(chunks);
}

/** Stores an upload; `user` null for an anonymous one (机构注册), which registration-uploads.ts binds. */
export async function saveUpload(
  engine: Engine,
  user: SessionUser | null,
  upload: { filename: string; stream: Readable & { truncated?: boolean } },
  after?: (file: StoredFile, t: Transaction) => Promise<void>,
): Promise<StoredFile> {
  const bytes = await readLimited(upload.stream, engine.config.uploadLimitBytes);
  const name = sanitizeFilename(upload.filename);
  if (bytes.length === 0) throw new AppError('UNSUPPORTED_MEDIA', { detail: '空文件' });
  const { kind, mime } = sniffFile(bytes, name);
  // Office files are ZIP archives: a zip bomb is refused here as the import routes refuse it.
  if (kind === 'docx' || kind === 'xlsx') await inspectOfficeZip(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file: StoredFile = { id: randomUUID(), name, size: bytes.length, sha256, mime };
  const { Blob, File } = engine.db.models;
  await engine.db.tx(async (t) => {
    // INSERT … ON CONFLICT DO NOTHING: two servers storing the same content at once both succeed.
    await Blob.bulkCreate([{ sha256, size: bytes.length, content: bytes }], { ignoreDuplicates: true, transaction: t });
    await File.create({ ...file, uploadedBy: user?.id ?? null }, { transaction: t });
    if (after) await after(file, t);
  });
  return file;
}

export async function findFile(engine: Engine, fileId: string): Promise<FileRow | null> {
  if (typeof fileId !== 'string' || fileId.length > 36) return null;
  const row = await engine.db.models.File.findByPk(fileId, { raw: true });
  return row ? (row as unknown as FileRow) : null;
}

/** The stored bytes of a file (the caller has checked canDownload). */
export async function readFileContent(engine: Engine, file: FileRow): Promise<Buffer> {
  const blob = (await engine.db.models.Blob.findByPk(file.sha256, { raw: true })) as Row | null;
  if (!blob) throw new AppError('NOT_FOUND', { what: '文件内容' });
  return Buffer.from(blob.content as Uint8Array);
}

export type CanSeeCase = (user: SessionUser, caseId: number) => Promise<boolean>;

/** The uploader may download a file, and so may anyone who may see a case it is attached to. */
export async function canDownload(engine: Engine, user: SessionUser, fileId: string, canSeeCase?: CanSeeCase): Promise<boolean> {
  const file = await findFile(engine, fileId);
  if (!file) return false;
  if (file.uploadedBy === user.id) return true;
  if (!canSeeCase) return false;
  const links = asRows(await engine.db.models.CaseFile.findAll({ where: { fileId }, raw: true }));
  for (const link of links) if (await canSeeCase(user, link.caseId as number)) return true;
  return false;
}

/** A file id as found in form data, with the field it sits in (for the error message). */
export interface FileRef {
  id: string;
  field: string;
  /** The kinds of file the field allows (ui:options.accept, ATTACHMENT_TYPES); none: every kind. */
  accept?: string[];
}

/**
 * Makes exactly these files the case's attachments, inside the caller's transaction. A user may
 * attach only files they uploaded themselves, or ones already on this case (a reviewer's edit
 * keeps the applicant's scans); anything else would let a guessed id pull in another's file.
 */
export async function linkFiles(
  engine: Engine, t: Transaction, caseId: number, fileIds: Array<string | FileRef>, user: SessionUser,
): Promise<void> {
  // Prepared statements (engine/db/raw.ts): this runs on every save and submit.
  const raw = engine.db.sql(t);
  const refs = fileIds.map((r) => (typeof r === 'string' ? { id: r, field: '' } : r));
  const ids = [...new Set(refs.map((r) => r.id))];
  const linked = new Set((await raw.all('SELECT file_id FROM case_files WHERE case_id = ?', [caseId])).map((r) => r.fileId as string));
  const valid = ids.filter((id) => typeof id === 'string' && id.length <= 36);
  const files = valid.length ? await raw.all(`SELECT id, uploaded_by, mime FROM files WHERE id IN (${valid.map(() => '?').join(', ')})`, valid) : [];
  const owned = new Set(files.filter((f) => f.uploadedBy === user.id || linked.has(f.id as string)).map((f) => f.id as string));
  const bad = refs.filter((r) => !owned.has(r.id));
  if (bad.length) {
    throw formInvalid(bad.map((r) => ({ field: r.field, title: '附件', message: '附件不存在或无权使用', value: r.id })));
  }
  // A field limited to some kinds of file takes a new file only of those kinds, by the type its
  // bytes were sniffed as at upload; a file already on the case stays (the limit may be newer).
  const mimeOf = new Map(files.map((f) => [f.id as string, String(f.mime)]));
  const wrong = refs.filter((r) => r.accept && !linked.has(r.id) && !acceptedTypes(r.accept).some((k) => (ATTACHMENT_TYPES[k].mimes as readonly string[]).includes(mimeOf.get(r.id) ?? '')));
  if (wrong.length) {
    throw formInvalid(wrong.map((r) => ({ field: r.field, title: '附件', message: `此处只能上传 ${acceptedTypes(r.accept).map((k) => ATTACHMENT_TYPES[k].title).join('、')} 文件`, value: r.id })));
  }
  if (ids.length === linked.size && ids.every((id) => linked.has(id))) return; // unchanged
  await raw.run('DELETE FROM case_files WHERE case_id = ?', [caseId]);
  const now = sqlValue(engine.db.dialect, new Date());
  for (const fileId of ids) await raw.run(INSERT_CASE_FILE, [caseId, fileId, now]);
}
