// Imports an Excel file from the command line, as one job in the database (the same job the HTTP
// import runs, so a server can answer GET /api/import-jobs/:id meanwhile), following its progress.
//
//   npx tsx scripts/import.ts <type> <file.xlsx> [--path /houses] [--case N] [--user NAME] [--out rows.json]
//
// Uses DATABASE_URL like the server. --case writes the rows into that draft case's list as its
// creator (or --user), with the same checks as the web (organisation, editable state, form).
// Without --case the rows are only validated; --out writes them to a JSON file.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine/app.js';
import { loadConfig } from '../engine/config.js';
import { AppError } from '../engine/errors.js';
import { toSessionUser, type SessionUser } from '../engine/auth/index.js';
import { startImport, stopImportJobs, toJobView } from '../engine/excel/index.js';
import type { Engine } from '../engine/context.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { path: { type: 'string' }, case: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
});
const [typeId, file] = positionals;
if (!typeId || !file) {
  console.error('用法：npx tsx scripts/import.ts <类型> <文件.xlsx> [--path /houses] [--case 业务单ID] [--user 用户名] [--out rows.json]');
  process.exit(2);
}

async function actingUser(engine: Engine, caseId?: number): Promise<SessionUser> {
  const { User, Case } = engine.db.models;
  if (values.user) {
    const u = await User.findOne({ where: { username: values.user }, raw: true });
    if (!u) throw new Error(`没有用户 ${values.user}`);
    return toSessionUser(u);
  }
  if (caseId !== undefined) {
    const c = await Case.findByPk(caseId, { attributes: ['createdBy'], raw: true });
    const u = c?.createdBy ? await User.findByPk(c.createdBy as number, { raw: true }) : null;
    if (!u) throw new Error(`业务单 ${caseId} 不存在或没有创建人，请用 --user 指定`);
    return toSessionUser(u);
  }
  const admin = await User.findOne({ where: { role: 'admin' }, order: [['id', 'ASC']], raw: true });
  return admin ? toSessionUser(admin) : { id: 0, username: 'cli', role: 'admin', orgId: null, district: null, street: null, displayName: '命令行导入' };
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<number> {
  const engine = await createEngine(loadConfig(process.env, { seed: false, logLevel: 'silent' }));
  try {
    const def = engine.registry.current(typeId);
    if (!def) throw new Error(`没有业务类型 ${typeId}`);
    const caseId = values.case ? Number(values.case) : undefined;
    const user = await actingUser(engine, caseId);
    const full = path.resolve(file);
    const size = fs.statSync(full).size;
    if (size > engine.config.importLimitBytes) throw new Error(`文件过大（${fmt(size)} 字节，上限 ${fmt(engine.config.importLimitBytes)}）`);
    // The user's own file: read in place, never deleted.
    const upload = { file: full, name: path.basename(full), size, remove: async () => undefined };
    const started = Date.now();
    const { jobId, done } = await startImport(engine, user, { def, path: values.path, caseId, upload });
    console.log(`导入任务 ${jobId}`);
    let finished = false;
    const outcomeP = done.finally(() => { finished = true; });
    while (!finished) {
      const row = await engine.db.models.ImportJob.findByPk(jobId, { raw: true });
      if (row) {
        const job = toJobView(row, true);
        process.stdout.write(`\r已读取 ${fmt(job.rowsRead)}${job.totalRows ? ` / ${fmt(job.totalRows)}` : ''} 行…`);
      }
      await Promise.race([outcomeP, new Promise((r) => setTimeout(r, 500))]);
    }
    const { view, rows, error } = await outcomeP;
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(`\r已读取 ${fmt(view.rowsRead)} 行，用时 ${secs.toFixed(1)} 秒\n`);
    if (error) {
      console.error(`导入失败（${error.code}）：${error.message}`);
      for (const e of view.errors.slice(0, 50)) console.error(`  第 ${e.row} 行${e.column ? `「${e.column}」` : ''}${e.value ? `（${e.value}）` : ''}：${e.message}`);
      if (view.errorCount > 50) console.error(`  …另有 ${fmt(view.errorCount - 50)} 处错误（GET /api/import-jobs/${jobId} 可看全部已记录的错误）`);
      return 1;
    }
    console.log(caseId !== undefined ? `已写入业务单 ${caseId}：${fmt(view.result?.rowCount ?? 0)} 行` : `校验通过：${fmt(rows?.length ?? 0)} 行`);
    if (values.out) {
      fs.writeFileSync(values.out, JSON.stringify(rows ?? [], null, 1));
      console.log(`已写出 ${values.out}`);
    }
    return 0;
  } finally {
    await stopImportJobs(engine);
    await engine.db.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof AppError ? `${err.code}：${err.message}` : (err as Error).message);
  if (err instanceof AppError && Array.isArray(err.details)) for (const d of err.details.slice(0, 20)) console.error(`  ${JSON.stringify(d)}`);
  process.exit(1);
});
