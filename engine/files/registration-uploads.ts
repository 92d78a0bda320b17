// 机构注册 asks for 要件 (a licence scan) before the applicant has an account, so those uploads
// carry no session. They are bound to the registration attempt instead: the first upload answers
// a random ticket (the browser makes one per attempt, or the first upload answers one; it is never
// stored — only its sha256 is), every upload of the attempt sends it, and registration accepts
// only file ids bound to the ticket it brings,
// within TICKET_HOURS. On success the files become the new account's (uploadedBy) and the binding
// goes; files of attempts never finished are deleted by the sweep that runs with each anonymous
// upload. Uploads stay sniffed and size-limited as every other (store.ts); the route rate-limits
// them per client address.
import { createHash, randomBytes } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { AppError } from '../errors.js';
import { saveUpload, type StoredFile } from './store.js';
import type { Readable } from 'node:stream';

/** How long an attempt's uploads wait for its registration. */
export const TICKET_HOURS = 2;
/** Files one attempt may upload (the forms ask for at most a few scans). */
export const MAX_FILES_PER_TICKET = 10;
const SWEEP_BATCH = 200;

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');
const TICKET = /^[A-Za-z0-9_-]{32}$/;
const cutoff = () => new Date(Date.now() - TICKET_HOURS * 3_600_000);

/** Deletes the files of attempts older than TICKET_HOURS that no registration claimed, and their unshared contents. */
export async function sweepRegistrationUploads(engine: Engine): Promise<number> {
  const { RegistrationUpload, File, Blob } = engine.db.models;
  const stale = await RegistrationUpload.findAll({ where: { createdAt: { [Op.lt]: cutoff() } }, attributes: ['fileId'], limit: SWEEP_BATCH, raw: true });
  if (!stale.length) return 0;
  const ids = stale.map((r) => r.fileId as string);
  await engine.db.tx(async (t) => {
    // Only files still anonymous: a claimed one has lost its binding row already.
    const files = await File.findAll({ where: { id: ids, uploadedBy: null }, attributes: ['id', 'sha256'], transaction: t, raw: true });
    await File.destroy({ where: { id: files.map((f) => f.id as string) }, transaction: t });
    await RegistrationUpload.destroy({ where: { fileId: ids }, transaction: t });
    for (const sha256 of new Set(files.map((f) => f.sha256 as string))) {
      // Content is shared by identical uploads: keep it while any file row still points at it.
      if (!(await File.findOne({ where: { sha256 }, attributes: ['id'], transaction: t, raw: true }))) await Blob.destroy({ where: { sha256 }, transaction: t });
    }
  });
  return ids.length;
}

/** Stores one anonymous upload under the attempt's ticket (a new ticket when none or an unknown one is given). */
export async function saveRegistrationUpload(
  engine: Engine, ticketIn: string | undefined, upload: { filename: string; stream: Readable & { truncated?: boolean } },
): Promise<StoredFile & { ticket: string }> {
  await sweepRegistrationUploads(engine);
  const { RegistrationUpload } = engine.db.models;
  let ticket = ticketIn && TICKET.test(ticketIn) ? ticketIn : undefined;
  if (ticket) {
    const count = await RegistrationUpload.count({ where: { ticketHash: hash(ticket), createdAt: { [Op.gte]: cutoff() } } });
    if (count >= MAX_FILES_PER_TICKET) {
      upload.stream.resume();
      throw new AppError('RULE_VIOLATION', { message: `注册时最多上传 ${MAX_FILES_PER_TICKET} 个文件` });
    }
  }
  ticket ??= randomBytes(24).toString('base64url');
  const ticketHash = hash(ticket);
  const file = await saveUpload(engine, null, upload, async (f, t) => {
    await RegistrationUpload.create({ fileId: f.id, ticketHash }, { transaction: t });
  });
  return { ...file, ticket };
}

/** The ids among `fileIds` that are not uploads of this attempt (or have expired). */
export async function foreignRegistrationFiles(engine: Engine, ticket: unknown, fileIds: string[]): Promise<string[]> {
  if (!fileIds.length) return [];
  if (typeof ticket !== 'string' || !TICKET.test(ticket)) return fileIds;
  const rows = await engine.db.models.RegistrationUpload.findAll({
    where: { fileId: fileIds.filter((id) => typeof id === 'string' && id.length <= 36), ticketHash: hash(ticket), createdAt: { [Op.gte]: cutoff() } },
    attributes: ['fileId'], raw: true,
  });
  const mine = new Set(rows.map((r) => r.fileId as string));
  return fileIds.filter((id) => !mine.has(id));
}

/** Gives the attempt's files to the new account, inside the registration's transaction. */
export async function claimRegistrationFiles(engine: Engine, t: Transaction, fileIds: string[], userId: number): Promise<void> {
  if (!fileIds.length) return;
  const { RegistrationUpload, File } = engine.db.models;
  await File.update({ uploadedBy: userId }, { where: { id: fileIds, uploadedBy: null }, transaction: t });
  await RegistrationUpload.destroy({ where: { fileId: fileIds }, transaction: t });
}
