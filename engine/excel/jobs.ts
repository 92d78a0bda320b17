// An import is a job stored in the database (import_jobs): the server that received the file
// reads it and writes progress there, so any server can answer "how far is it". Small files are
// answered at once; large ones get 202 and a job id. The outcome is all or nothing: with errors
// nothing is written; without, the rows are the job's result and, for a draft case (caseId), are
// put into the case's data at the list's path through the runtime's draft update (org, editable
// state, version and form checks all apply), in one transaction.
import { randomUUID } from 'node:crypto';
import type { Engine } from '../context.js';
import { AppError } from '../errors.js';
import type { SessionUser } from '../auth/types.js';
import type { TypeVersionDef } from '../registry/index.js';
import { caseView, scopeOf, updateDraft } from '../runtime/index.js';
import { sheetSpec } from './columns.js';
import { SheetImport, type RowError } from './row-import.js';
import { RowSpool } from './row-spool.js';
import { collectGarbage } from './v8-heap.js';
import { inspectXlsx } from '../files/index.js';
import type { TempUpload } from './upload.js';

export interface ImportInput {
  def: TypeVersionDef;
  path?: string;
  caseId?: number;
  upload: TempUpload;
  /**
   * Whether the server that runs the job needs the rows as objects (JobOutcome.rows) when it ends:
   * to answer them at once. A job answered later (202) leaves them in the database only.
   * Default true.
   */
  keepRows?: boolean;
}

export interface JobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  typeId: string;
  path: string;
  caseId: number | null;
  fileName: string | null;
  rowsRead: number;
  totalRows: number | null;
  errorCount: number;
  errors: RowError[];
  message: string | null;
  /** The error code of a failed job (IMPORT_INVALID, IMPORT_FILE_INVALID, CASE_CONFLICT …). */
  code: string | null;
  result: { rowCount: number; caseId?: number; rows?: Array<Record<string, unknown>> } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A job whose server stopped writing progress this long ago is reported as interrupted. */
const STALE_MS = 2 * 60 * 1000;
const PROGRESS_MS = 500;
/** From this size of result on, a full GC comes before it is written (engine/excel/v8-heap.ts). */
const LARGE_RESULT_CHARS = 4 * 1024 * 1024;

/** How a job ended, for the server that ran it: the rows (unless keepRows was false), or the error to answer with. */
export interface JobOutcome { view: JobView; rowCount: number; rows?: Array<Record<string, unknown>>; error?: AppError; warnings: RowError[] }

interface Running { controller: AbortController; done: Promise<JobOutcome> }
const running = new WeakMap<Engine, Map<string, Running>>();
const runningOf = (engine: Engine) => {
  let m = running.get(engine);
  if (!m) running.set(engine, (m = new Map()));
  return m;
};

function setAt(data: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const out = { ...data };
  const segs = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur = out;
  for (const seg of segs.slice(0, -1)) {
    const next = cur[seg];
    cur[seg] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[segs[segs.length - 1]] = value;
  return out;
}

// A successful job's result is the spool's document as it is, passed as UTF-8 bytes: binding a
// JS string of it (or wrapping it in SQL) made further native copies, ~40 MB more peak RSS for
// 100,000 rows. SQLite stores the bytes as text through the CAST; PostgreSQL gets bytea, decodes
// it, and its json column takes text only through a cast.
const RESULT_SQL = {
  sqlite: 'UPDATE import_jobs SET result = CAST($1 AS TEXT) WHERE id = $2',
  postgres: `UPDATE import_jobs SET result = CAST(convert_from($1, 'UTF8') AS json) WHERE id = $2`,
};

/** A successful job's last write: its status and its result, in one transaction. */
async function finishWithResult(engine: Engine, jobId: string, values: Record<string, unknown>, result: Buffer) {
  await engine.db.tx(async (t) => {
    await engine.db.models.ImportJob.update(values, { where: { id: jobId }, transaction: t });
    await engine.db.sequelize.query(RESULT_SQL[engine.db.dialect], { bind: [result, jobId], transaction: t });
  });
}

/** Before reading a single row: the case must be a draft of this type the caller may edit. */
async function checkTargetCase(engine: Engine, user: SessionUser, def: TypeVersionDef, path: string, caseId: number) {
  if (!path) throw new AppError('BAD_REQUEST', { reason: '导入到业务单时须指定列表 path（如 /houses）' });
  const view = (await caseView(engine, user, caseId)) as Awaited<ReturnType<typeof caseView>> & Record<string, unknown>;
  if (view.typeId !== def.id) throw new AppError('BAD_REQUEST', { reason: `业务单 ${view.number} 不是「${def.settings.title}」` });
  if (view.orgId !== user.orgId) throw new AppError('FORBIDDEN');
  if (!view.editable) throw new AppError('CASE_NOT_EDITABLE');
}

export function toJobView(row: Record<string, unknown>, local = false): JobView {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  let status = row.status as JobView['status'];
  let message = (row.message as string | null) ?? null;
  if (status === 'running' && !local && Date.now() - new Date(row.updatedAt as string).getTime() > STALE_MS) {
    status = 'failed';
    message = '导入已中断（处理该文件的服务器已停止），请重新导入';
  }
  return {
    id: row.id as string, status, typeId: row.typeId as string, path: row.path as string, caseId: (row.caseId as number | null) ?? null,
    fileName: (row.fileName as string | null) ?? null, rowsRead: row.rowsRead as number, totalRows: (row.totalRows as number | null) ?? null,
    errorCount: row.errorCount as number, errors: (row.errors as RowError[] | null) ?? [], message,
    code: status === 'failed' ? ((row.result as { errorCode?: string } | null)?.errorCode ?? null) : null,
    result: status === 'done' ? ((row.result as JobView['result']) ?? null) : null,
    createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!, finishedAt: iso(row.finishedAt),
  };
}

/**
 * Checks the file (zip safety, headers) and starts the job. Refusals throw before a job exists;
 * `done` settles when the job has finished (it never rejects: failures are the job's status).
 */
export async function startImport(engine: Engine, user: SessionUser, input: ImportInput): Promise<{ jobId: string; done: Promise<JobOutcome> }> {
  const { def, upload } = input;
  const { ImportJob } = engine.db.models;
  let imp: SheetImport | undefined;
  try {
    const spec = sheetSpec(def, input.path);
    if (input.caseId !== undefined) await checkTargetCase(engine, user, def, spec.path, input.caseId);
    const zip = await inspectXlsx(upload.file);
    const controller = new AbortController();
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const jobId = randomUUID();
    imp = new SheetImport(engine.ajv, spec, {
      signal: controller.signal,
      onProgress: (rowsRead) => {
        if (Date.now() - lastWrite < PROGRESS_MS) return;
        lastWrite = Date.now();
        writing = writing.then(() => ImportJob.update({ rowsRead }, { where: { id: jobId } })).catch(() => undefined);
      },
    });
    await imp.open(upload.file, zip.dimensionRows);
    await ImportJob.create({
      id: jobId, typeId: def.id, path: spec.path, caseId: input.caseId ?? null, userId: user.id, status: 'running',
      fileName: upload.name.slice(0, 255), fileSize: upload.size, rowsRead: 0,
      totalRows: zip.dimensionRows && zip.dimensionRows > 1 ? zip.dimensionRows - 1 : null, errorCount: 0,
    });
    const sheet = imp;
    const finish = async (values: Record<string, unknown>) => {
      await writing;
      await ImportJob.update({ ...values, finishedAt: new Date() }, { where: { id: jobId } });
    };
    const done = (async (): Promise<JobOutcome> => {
      let rows: JobOutcome['rows'];
      let warnings: RowError[] = [];
      let rowCount = 0;
      let error: AppError | undefined;
      let spool: RowSpool | undefined;
      try {
        // Valid rows go to a file as they are read, not into memory (engine/excel/row-spool.ts).
        spool = await RowSpool.open();
        const rowSpool = spool;
        const outcome = await sheet.run((row) => rowSpool.add(row));
        if (outcome.errorCount) {
          error = new AppError('IMPORT_INVALID', { count: outcome.errorCount }, outcome.errors);
          await finish({ status: 'failed', rowsRead: outcome.rowsRead, errorCount: outcome.errorCount, errors: outcome.errors, message: error.message, result: { errorCode: error.code } });
        } else {
          rowCount = spool.count;
          if (spool.chars >= LARGE_RESULT_CHARS) collectGarbage();
          const result = await spool.result();
          const parsed = input.caseId !== undefined || input.keepRows !== false
            ? (JSON.parse(result.toString('utf8')) as { rows: Array<Record<string, unknown>> }).rows : undefined;
          warnings = outcome.warnings;
          const ignored = warnings.map((w) => w.message).join('；');
          const doneValues = { status: 'done', rowsRead: outcome.rowsRead, errorCount: 0, errors: [], message: `已导入 ${rowCount} 行${ignored ? `（${ignored}）` : ''}` };
          if (input.caseId !== undefined) {
            const row = await engine.db.models.Case.findByPk(input.caseId, { attributes: ['data', 'version'], raw: true });
            if (!row) throw new AppError('NOT_FOUND', { what: '业务单' });
            await updateDraft(engine, user, input.caseId, setAt(row.data as Record<string, unknown>, spec.path, parsed), row.version as number);
            await finish({ ...doneValues, result: { rowCount, caseId: input.caseId } });
          } else {
            await writing;
            await finishWithResult(engine, jobId, { ...doneValues, finishedAt: new Date() }, result);
          }
          if (input.keepRows !== false) rows = parsed;
        }
      } catch (err) {
        error = err instanceof AppError ? err : controller.signal.aborted ? new AppError('IMPORT_FILE_INVALID', { reason: '服务器正在停止，导入已取消' }) : new AppError('INTERNAL');
        if (!(err instanceof AppError) && !controller.signal.aborted) engine.log.error({ err, jobId }, 'import job failed'); // a bug: reported
        const details = Array.isArray(error.details) ? error.details.slice(0, 1000) : [];
        await finish({ status: 'failed', errors: details, errorCount: details.length, message: error.message, result: { errorCode: error.code } }).catch(() => undefined);
      } finally {
        await spool?.remove().catch(() => undefined);
        await sheet.close().catch(() => undefined);
        await upload.remove();
        runningOf(engine).delete(jobId);
      }
      // The stored result may be megabytes of rows: read the job without it and add it from memory.
      // If the database is gone by now, the view is made from what this server knows.
      const now = new Date();
      const row = (await ImportJob.findByPk(jobId, { attributes: { exclude: ['result', 'errors'] }, raw: true }).catch(() => null)) ?? {
        id: jobId, typeId: def.id, path: spec.path, caseId: input.caseId ?? null, status: error ? 'failed' : 'done', fileName: upload.name,
        rowsRead: rowCount, totalRows: null, errorCount: Array.isArray(error?.details) ? error.details.length : 0,
        message: error?.message ?? null, createdAt: now, updatedAt: now, finishedAt: now,
      };
      const stored = input.caseId !== undefined ? { rowCount, caseId: input.caseId } : rows ? { rowCount, rows } : { rowCount };
      const view = toJobView({ ...row, errors: error && Array.isArray(error.details) ? error.details.slice(0, 1000) : [], result: error ? { errorCode: error.code } : stored }, true);
      return { view, rowCount: error ? 0 : rowCount, rows, error, warnings };
    })();
    runningOf(engine).set(jobId, { controller, done });
    return { jobId, done };
  } catch (err) {
    await imp?.close().catch(() => undefined);
    await upload.remove();
    throw err;
  }
}

/** One job as its owner (or an admin) sees it; anyone else gets 404. */
export async function jobView(engine: Engine, user: SessionUser, id: string): Promise<JobView> {
  const row = await engine.db.models.ImportJob.findByPk(id, { raw: true });
  if (!row || (row.userId !== user.id && scopeOf(engine.registry.roles, user) !== 'all')) throw new AppError('NOT_FOUND', { what: '导入任务' });
  return toJobView(row, runningOf(engine).has(id));
}

/** On stop: cancel this server's running imports and wait until they have written their status. */
export async function stopImportJobs(engine: Engine): Promise<void> {
  const jobs = [...runningOf(engine).values()];
  for (const j of jobs) j.controller.abort();
  await Promise.all(jobs.map((j) => j.done));
}
