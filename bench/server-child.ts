// The real server of the HTTP benchmarks, in its own process (the load generator must not share
// its event loop): startApp on a random port over a fresh database, plus a bare Fastify route on
// another port that validates the area-filing schema with the engine's ajv and writes one row
// through the same database layer (engine.db.tx: same Sequelize, same per-process write lock on
// SQLite). Driven over IPC by bench/run.ts: start, seed, drafts, plans, stop.
import fs from 'node:fs';
import inspector from 'node:inspector';
import Fastify, { type FastifyInstance } from 'fastify';
import { DataTypes } from 'sequelize';
import { startApp, type RunningApp } from '../engine/app.js';
import { validateForm } from '../engine/validation/index.js';
import { listCases, listInbox } from '../engine/runtime/index.js';
import { DEVELOPER, PASSWORD, benchRoot, prepareFixture, type Fixture } from './lib/fixtures.js';
import { databaseBytes, seedCases, seedOrgs, settle, withoutSecondaryIndexes } from './lib/seed.js';

let app: RunningApp;
let fixture: Fixture;
let bare: FastifyInstance;
let benchOrgs: number[] = [];
/** From this many cases on, a seed is a bulk load (indexes built after the rows). */
const BULK_LOAD = 50_000;

type Msg = { id: number; cmd: string; args: Record<string, unknown> };

const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  async start({ databaseUrl }) {
    app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: databaseUrl as string, logLevel: 'silent', timerPollMs: 60_000, seed: true, demoPassword: PASSWORD, rootDir: benchRoot() }, {});
    const { engine } = app;
    fixture = await prepareFixture(engine);
    const BenchRow = engine.db.sequelize.define('bench_rows', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      typeId: { type: DataTypes.STRING(64), allowNull: false },
      title: { type: DataTypes.STRING(300) },
      data: { type: DataTypes.JSON, allowNull: false },
    }, { tableName: 'bench_rows', underscored: true });
    await BenchRow.sync();
    const schema = engine.registry.current('area-filing')!.schema;
    bare = Fastify({ logger: false, bodyLimit: engine.config.bodyLimitBytes });
    bare.post<{ Body: { data: Record<string, unknown> } }>('/bare/submit', {
      schema: { body: { type: 'object', required: ['data'], properties: { data: { type: 'object' } } } },
    }, async (req, reply) => {
      const errors = validateForm(engine.ajv, schema, req.body.data);
      if (errors.length) return reply.status(400).send({ error: { code: 'FORM_INVALID', details: errors } });
      const row = await engine.db.tx((t) => BenchRow.create({ typeId: 'area-filing', title: String(req.body.data.projectName), data: req.body.data }, { transaction: t }));
      reply.status(201);
      return { id: row.get('id') };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const addr = bare.server.address() as { port: number };
    return { url: app.url, bareUrl: `http://127.0.0.1:${addr.port}`, fileIds: fixture.fileIds, sample: fixture.areaData('样例') };
  },

  /** Mixed cases with one open task each, across types, states, districts and organisations. */
  async seed({ count, orgCount }) {
    const { engine } = app;
    const existing = await engine.db.models.Case.count();
    const need = Math.max(0, (count as number) - existing);
    if (!benchOrgs.length) benchOrgs = await seedOrgs(engine, (orgCount as number) ?? 200);
    const dev = fixture.users[DEVELOPER];
    const orgs = [{ id: dev.orgId!, weight: 10 }, ...benchOrgs.map((id) => ({ id, weight: 90 / benchOrgs.length }))];
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const seedOpts = { count: need, types: ['area-filing', 'bench-review', 'bench-ping-pong'], orgs };
    let res: Awaited<ReturnType<typeof seedCases>> | null = null;
    let indexSeconds = 0;
    if (need >= BULK_LOAD) {
      // A large load: without the secondary indexes, built once at the end, then VACUUM/checkpoint.
      ({ indexSeconds } = await withoutSecondaryIndexes(engine, ['cases', 'tasks'], async () => { res = await seedCases(engine, fixture, { ...seedOpts, analyze: false }); }));
      await settle(engine, ['cases', 'tasks']);
    } else if (need) res = await seedCases(engine, fixture, seedOpts);
    const seconds = (performance.now() - start) / 1000;
    // CPU of this process (SQLite runs inside it): on a shared machine the wall time follows the
    // load, the CPU seconds do not.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const [clerkTasks, devCases] = await Promise.all([
      engine.db.models.Task.count({ where: { status: 'open', role: 'clerk', scope: 'district', district: '440604' } }),
      engine.db.models.Case.count({ where: { orgId: dev.orgId } }),
    ]);
    const r = res as Awaited<ReturnType<typeof seedCases>> | null;
    return {
      seeded: need, total: existing + need, seconds, cpuSeconds, indexSeconds, databaseBytes: await databaseBytes(engine), clerk1OpenTasks: clerkTasks, developerCases: devCases,
      byType: r?.byType, byDistrict: r?.byDistrict, byState: r?.byState,
    };
  },

  /** Complete area-filing drafts of the developer in 南海区 (so they never land in clerk1's inbox). */
  async drafts({ count }) {
    const dev = fixture.users[DEVELOPER];
    const res = await seedCases(app.engine, fixture, {
      count: count as number, types: ['area-filing'], state: 'draft', district: '440605', orgs: [{ id: dev.orgId!, weight: 1 }], linkFiles: true, createdBy: dev.id,
    });
    return res.ids;
  },

  /** Numbers of cases with an open clerk task in 440604 (for the search by business number). */
  async numbers({ limit }) {
    const [rows] = await app.engine.db.sequelize.query(
      `SELECT c.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'open' AND t.role = 'clerk' AND t.district = '440604' ORDER BY t.id LIMIT ${Number(limit)}`,
    );
    return (rows as Array<{ number: string }>).map((r) => r.number);
  },

  /** The SQL of the main inbox and list queries (captured via Sequelize's logging), their plans, and the indexes. */
  async plans({ number }) {
    const { engine } = app;
    const { sequelize, dialect } = engine.db;
    const seqOptions = (sequelize as unknown as { options: Record<string, unknown> }).options;
    const clerk = fixture.users.clerk1;
    const dev = fixture.users[DEVELOPER];
    const out: string[] = [];
    const capture = async (label: string, fn: () => Promise<unknown>) => {
      const captured: Array<{ sql: string; ms: number }> = [];
      const saved = { logging: seqOptions.logging, benchmark: seqOptions.benchmark };
      seqOptions.logging = (sql: string, ms?: number) => { captured.push({ sql: sql.replace(/^Execut(ed|ing) \([^)]*\): /, ''), ms: ms ?? NaN }); };
      seqOptions.benchmark = true;
      try {
        await fn();
      } finally {
        Object.assign(seqOptions, saved);
      }
      for (const { sql, ms } of captured) {
        if (!/FROM\s+[`"]?(tasks|cases)[`"]?/i.test(sql)) continue;
        out.push(`-- ${label} (${ms} ms in Sequelize)`, sql.trim(), '');
        const explain = dialect === 'sqlite' ? `EXPLAIN QUERY PLAN ${sql.trim().replace(/;$/, '')}` : `EXPLAIN ANALYZE ${sql.trim().replace(/;$/, '')}`;
        let rows: unknown[];
        try {
          [rows] = await sequelize.query(explain);
        } catch (err) {
          out.push(`   (EXPLAIN failed: ${(err as Error).message} ${(err as { original?: Error }).original?.message ?? ''})`, '');
          continue;
        }
        const lines = dialect === 'sqlite'
          ? (rows as Array<{ id: number; parent: number; detail: string }>).map((r) => planLine(rows as never, r))
          : (rows as Array<Record<string, string>>).map((r) => r['QUERY PLAN']);
        out.push(...lines.map((l) => `   ${l}`), '');
      }
    };
    await capture('inbox: GET /api/tasks as clerk1', () => listInbox(engine, clerk, {}));
    await capture('inbox search: GET /api/tasks?q=<number> as clerk1', () => listInbox(engine, clerk, { q: number as string }));
    await capture('case list: GET /api/cases as clerk1 (department)', () => listCases(engine, clerk, {}));
    await capture('case list: GET /api/cases as the developer (applicant)', () => listCases(engine, dev, {}));
    const [idx] = dialect === 'sqlite'
      ? await sequelize.query(`SELECT tbl_name AS "table", name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'tasks') ORDER BY tbl_name, name`)
      : await sequelize.query(`SELECT tablename AS "table", indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename IN ('cases', 'tasks') ORDER BY tablename, indexname`);
    out.push('-- indexes on cases and tasks');
    for (const r of idx as Array<{ table: string; name: string; sql: string | null }>) out.push(`   ${r.table}.${r.name}: ${r.sql ?? '(automatic: primary key / unique constraint)'}`);
    return out.join('\n');
  },

  async stop() {
    await writeProfile();
    await bare?.close();
    await app?.stop();
    return true;
  },
};

function planLine(rows: Array<{ id: number; parent: number; detail: string }>, r: { id: number; parent: number; detail: string }): string {
  let depth = 0;
  for (let p = r.parent; p; p = rows.find((x) => x.id === p)?.parent ?? 0) depth++;
  return `${'  '.repeat(depth)}${r.detail}`;
}

// BENCH_PROFILE=<file.cpuprofile>: a CPU profile of the server from start to stop (for finding
// where a request's time goes; open it in Chrome DevTools).
const profiler = process.env.BENCH_PROFILE ? new inspector.Session() : null;
if (profiler) {
  profiler.connect();
  profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
}
function writeProfile(): Promise<void> {
  if (!profiler) return Promise.resolve();
  return new Promise((resolve) => profiler.post('Profiler.stop', (err, res) => {
    if (!err) fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((res as { profile: unknown }).profile));
    resolve();
  }));
}

process.on('message', async (msg: Msg) => {
  try {
    const result = await commands[msg.cmd](msg.args ?? {});
    process.send!({ id: msg.id, ok: true, result });
    if (msg.cmd === 'stop') setTimeout(() => process.exit(0), 50);
  } catch (err) {
    const e = err as Error & { original?: Error; sql?: string };
    process.send!({ id: msg.id, ok: false, error: `${e.message} ${e.original?.message ?? ''} ${e.sql ?? ''}\n${e.stack ?? ''}` });
  }
});
process.send!({ ready: true });
