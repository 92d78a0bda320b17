// npm run bench:whatif [-- --db sqlite|postgres|both] [--rounds 5] [--seconds 1] [--only transition,queries] [--cases 100000]
// Not one of the benchmarks: evidence for the engine changes recommended in
// bench/README.md, measured the same way as benchmark 1 (interleaved rounds, ratio to the floor).
// Each variant runs on its own fresh database, so a patch or a PRAGMA of one cannot help another:
//   floor          raw driver: read + update + insert in one transaction (as in benchmark 1)
//   engine         sendEvent as it is
//   engine+conn    (SQLite) sendEvent with Sequelize's sqlite connection manager patched at run
//                  time: the PRAGMAs applied to every connection (WAL, synchronous=FULL,
//                  busy_timeout) and one long-lived connection for all write transactions
//   lean           the same transition (restore snapshot, XState transition(), complete the
//                  task, create the next one, update the case with its version guard, append
//                  the event with its seq) as 8 prepared statements on one long-lived raw
//                  connection to the engine's own tables: BEGIN, SELECT case (FOR UPDATE on
//                  PostgreSQL), SELECT open tasks, UPDATE task, INSERT task, UPDATE case,
//                  INSERT event (seq by subquery), COMMIT.
// And (--only queries) the inbox and list queries at --cases cases: the engine's listInbox /
// listCases and the recommended query shapes as raw SQL, before and after adding the recommended
// indexes (30 calls each, p50 / p90).
import { parseArgs } from 'node:util';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { transition } from 'xstate';
import type { Engine } from '../engine/context.js';
import { createCase, listCases, listInbox, sendEvent, userMatchesTask } from '../engine/runtime/index.js';
import { seedCases, seedOrgs } from './lib/seed.js';
import { createMutex } from '../engine/db/index.js';
import { benchEngine, prepareFixture, DEVELOPER } from './lib/fixtures.js';
import { DEFAULT_PG_URL, dropAll, freshDatabase, openRawSqlite, postgresReachable, type Kind } from './lib/databases.js';
import { fmt, interleave, max, median, min, quantile, rate } from './lib/stats.js';

const { values: args } = parseArgs({ options: {
  db: { type: 'string' }, rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '1' },
  'pg-url': { type: 'string', default: process.env.BENCH_PG_URL || DEFAULT_PG_URL },
  only: { type: 'string', default: 'transition,queries' }, cases: { type: 'string', default: '100000' },
} });
const only = new Set(args.only!.split(','));
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
const pgUrl = args['pg-url']!;
const CASES = 8;

type Step = (worker: number) => Promise<void>;

async function pingPongCases(engine: Engine) {
  const fixture = await prepareFixture(engine);
  const dev = fixture.users[DEVELOPER];
  const cases: Array<{ id: number; next: string }> = [];
  for (let i = 0; i < CASES; i++) cases.push({ id: await createCase(engine, dev, 'bench-ping-pong', { name: `乒乓${i}`, district: '440604' }), next: 'PING' });
  return { dev, cases };
}

const flip = (c: { next: string }) => { const e = c.next; c.next = e === 'PING' ? 'PONG' : 'PING'; return e; };

async function engineVariant(kind: Kind, patch: boolean): Promise<{ seq: Step; conc: Step; close(): Promise<void> }> {
  const db = await freshDatabase(kind, patch ? 'engine_conn' : 'engine', pgUrl);
  const engine = await benchEngine(db.url);
  if (patch) patchSqliteConnections(engine);
  const { dev, cases } = await pingPongCases(engine);
  let n = 0;
  return {
    seq: async () => { const c = cases[n++ % CASES]; await sendEvent(engine, dev, c.id, { event: flip(c) }); },
    conc: async (w) => { const c = cases[w]; await sendEvent(engine, dev, c.id, { event: flip(c) }); },
    close: () => engine.db.close(),
  };
}

/** PRAGMAs on every connection, and one long-lived connection for every write transaction. */
function patchSqliteConnections(engine: Engine) {
  type Conn = { run(sql: string, cb: (e: Error | null) => void): void };
  const cm = (engine.db.sequelize as unknown as { connectionManager: { getConnection(o?: { uuid?: string }): Promise<Conn>; releaseConnection(c: Conn, force?: boolean): void } }).connectionManager;
  const ready = new WeakSet<Conn>();
  const get = cm.getConnection.bind(cm);
  const release = cm.releaseConnection.bind(cm);
  let writer: Conn | null = null;
  cm.getConnection = async (options) => {
    const c = options?.uuid && options.uuid !== 'default' ? (writer ??= await get({ ...options, uuid: 'writer' })) : await get(options);
    if (!ready.has(c)) {
      ready.add(c);
      for (const sql of ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = FULL', 'PRAGMA busy_timeout = 5000']) {
        await new Promise<void>((resolve, reject) => c.run(sql, (e) => (e ? reject(e) : resolve())));
      }
    }
    return c;
  };
  cm.releaseConnection = (c, force) => (c === writer ? undefined : release(c, force));
}

const sqlDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', ' +00:00');

interface LeanDriver {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  all(name: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  run(name: string, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const LEAN_SQL = (pgDialect: boolean) => {
  let i = 0;
  const p = (sql: string) => (pgDialect ? sql.replace(/\?/g, () => `$${++i}`) : sql);
  const q = (sql: string) => { i = 0; return p(sql); };
  return {
    selCase: q(`SELECT id, state, status, snapshot, flags, data, version, org_id, district FROM cases WHERE id = ?${pgDialect ? ' FOR UPDATE' : ''}`),
    selTasks: q(`SELECT id, state, role, scope, district, org_id, assignee_id, events FROM tasks WHERE case_id = ? AND status = 'open'`),
    done: q(`UPDATE tasks SET status = 'done', completed_at = ?, completed_by = ?, completed_event = ?, updated_at = ? WHERE id = ? AND status = 'open'`),
    insTask: q(`INSERT INTO tasks (case_id, state, name, title, role, scope, district, org_id, events, status, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?, ?)`),
    updCase: q(`UPDATE cases SET state = ?, status = ?, snapshot = ?, flags = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`),
    insEvent: q(`INSERT INTO case_events (case_id, seq, actor_id, actor_name, event, from_state, to_state, task_id, created_at) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM case_events WHERE case_id = ?`),
  };
};

async function leanSqlite(file: string): Promise<LeanDriver> {
  const raw = await openRawSqlite(file); // sets WAL, synchronous=FULL, busy_timeout
  await raw.close();
  const db = await new Promise<sqlite3.Database>((resolve, reject) => { const d = new sqlite3.Database(file, (e) => (e ? reject(e) : resolve(d))); });
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  await exec('PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  const sql = LEAN_SQL(false);
  const stmts = Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, db.prepare(v)])) as Record<string, sqlite3.Statement>;
  return {
    begin: () => exec('BEGIN IMMEDIATE'),
    commit: () => exec('COMMIT'),
    rollback: () => exec('ROLLBACK'),
    all: (name, params) => new Promise((resolve, reject) => stmts[name].all(params, (e: Error | null, rows: Array<Record<string, unknown>>) => (e ? reject(e) : resolve(rows)))),
    run: (name, params) => new Promise((resolve, reject) => stmts[name].run(params, function (this: sqlite3.RunResult, e: Error | null) { if (e) reject(e); else resolve(this.changes); })),
    close: async () => { for (const s of Object.values(stmts)) s.finalize(); await new Promise<void>((r) => db.close(() => r())); },
  };
}

async function leanPg(url: string, clients: number): Promise<() => Promise<LeanDriver & { release(): void }>> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const sql = LEAN_SQL(true);
  const driver = async () => {
    const c = await pool.connect();
    return {
      begin: async () => { await c.query('BEGIN'); },
      commit: async () => { await c.query('COMMIT'); },
      rollback: async () => { await c.query('ROLLBACK'); },
      all: async (name: string, params: unknown[]) => (await c.query({ name, text: sql[name as keyof typeof sql], values: params })).rows,
      run: async (name: string, params: unknown[]) => (await c.query({ name, text: sql[name as keyof typeof sql], values: params })).rowCount ?? 0,
      close: async () => undefined,
      release: () => c.release(),
    };
  };
  Object.assign(driver, { end: () => pool.end() });
  return driver;
}

async function leanVariant(kind: Kind): Promise<{ seq: Step; conc: Step; close(): Promise<void> }> {
  const db = await freshDatabase(kind, 'lean', pgUrl);
  const engine = await benchEngine(db.url);
  const { dev, cases } = await pingPongCases(engine);
  const def = engine.registry.current('bench-ping-pong')!;
  const machine = engine.registry.machine(def);
  const taskDefs = new Map<string, Record<string, unknown>>();
  for (const [name, s] of Object.entries(def.workflow.states as Record<string, { meta?: { tasks?: Array<Record<string, unknown>> } }>)) taskDefs.set(name, s.meta!.tasks![0]);
  await engine.db.close();
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

  const step = async (d: LeanDriver, c: { id: number; next: string }) => {
    const event = flip(c);
    const now = new Date();
    const ts = kind === 'sqlite' ? sqlDate(now) : now;
    await d.begin();
    try {
      const [row] = await d.all('selCase', [c.id]);
      const open = await d.all('selTasks', [c.id]);
      const task = open.find((t) => (json(t.events) as Record<string, unknown>)[event] && userMatchesTask(dev, { role: t.role, scope: t.scope, district: t.district, orgId: t.org_id, assigneeId: t.assignee_id } as never));
      if (!task) throw new Error('no task');
      const snapshot = machine.resolveState(json(row.snapshot) as never);
      const [next] = transition(machine, snapshot, { type: event, $data: json(row.data), $decision: {}, $flags: json(row.flags) } as never);
      const to = String(next.value);
      if ((await d.run('done', [ts, dev.id, event, ts, task.id])) !== 1) throw new Error('task conflict');
      const t = taskDefs.get(to)!;
      await d.run('insTask', [c.id, to, t.name, t.title, t.role, t.scope, row.district, row.org_id, JSON.stringify(t.events), ts, ts]);
      if ((await d.run('updCase', [to, 'active', JSON.stringify(machine.getPersistedSnapshot(next)), JSON.stringify(json(row.flags)), Number(row.version) + 1, ts, c.id, row.version])) !== 1) throw new Error('case conflict');
      await d.run('insEvent', [c.id, dev.id, dev.displayName, event, row.state, to, task.id, ts, c.id]);
      await d.commit();
    } catch (err) {
      await d.rollback().catch(() => undefined);
      throw err;
    }
  };

  // The lean variant must leave the same rows the engine would: one open task per case, one
  // event per transition with consecutive seq, version = events − 1 (the CREATE event has seq 1).
  const check = async () => {
    const engine2 = await benchEngine(db.url);
    try {
      for (const c of cases) {
        const row = await engine2.db.models.Case.findByPk(c.id, { raw: true });
        const open = await engine2.db.models.Task.count({ where: { caseId: c.id, status: 'open' } });
        const events = await engine2.db.models.CaseEvent.findAll({ where: { caseId: c.id }, order: [['seq', 'ASC']], raw: true });
        const expected = c.next === 'PING' ? 'ping' : 'pong';
        if (open !== 1 || row!.state !== expected || row!.version !== events.length || events.some((e, i) => e.seq !== i + 1)) {
          throw new Error(`lean variant left case ${c.id} inconsistent: state ${row!.state}, version ${row!.version}, ${events.length} events, ${open} open tasks`);
        }
      }
    } finally {
      await engine2.db.close();
    }
  };
  let n = 0;
  if (kind === 'sqlite') {
    const d = await leanSqlite(db.file!);
    const lock = createMutex();
    return {
      seq: () => lock(() => step(d, cases[n++ % CASES])),
      conc: (w) => lock(() => step(d, cases[w])),
      close: async () => { await d.close(); await check(); },
    };
  }
  const get = await leanPg(db.url, CASES + 2);
  return {
    seq: async () => { const d = await get(); try { await step(d, cases[n++ % CASES]); } finally { d.release(); } },
    conc: async (w) => { const d = await get(); try { await step(d, cases[w]); } finally { d.release(); } },
    close: async () => { await (get as unknown as { end(): Promise<void> }).end(); await check(); },
  };
}

async function floorVariant(kind: Kind): Promise<{ seq: Step; conc: Step; close(): Promise<void> }> {
  const db = await freshDatabase(kind, 'floor', pgUrl);
  if (kind === 'sqlite') {
    const raw = await openRawSqlite(db.file!);
    await raw.exec("CREATE TABLE f (id INTEGER PRIMARY KEY, state TEXT, version INTEGER, snapshot TEXT); CREATE TABLE l (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER, seq INTEGER, event TEXT, created_at TEXT)");
    for (let i = 1; i <= CASES; i++) await raw.run("INSERT INTO f VALUES (?, 'ping', 1, '{}')", [i]);
    const lock = createMutex();
    const tx = (id: number) => lock(async () => {
      await raw.run('BEGIN IMMEDIATE');
      const r = await raw.get<{ state: string; version: number }>('SELECT * FROM f WHERE id = ?', [id]);
      await raw.run('UPDATE f SET state = ?, version = ? WHERE id = ? AND version = ?', [r!.state === 'ping' ? 'pong' : 'ping', r!.version + 1, id, r!.version]);
      await raw.run('INSERT INTO l (case_id, seq, event, created_at) VALUES (?, ?, ?, ?)', [id, r!.version + 1, 'PING', new Date().toISOString()]);
      await raw.run('COMMIT');
    });
    let n = 0;
    return { seq: () => tx((n++ % CASES) + 1), conc: (w) => tx(w + 1), close: () => raw.close() };
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  await pool.query("CREATE TABLE f (id INTEGER PRIMARY KEY, state TEXT, version INTEGER, snapshot JSON); CREATE TABLE l (id BIGSERIAL PRIMARY KEY, case_id INTEGER, seq INTEGER, event TEXT, created_at TIMESTAMPTZ)");
  for (let i = 1; i <= CASES; i++) await pool.query("INSERT INTO f VALUES ($1, 'ping', 1, '{}')", [i]);
  const tx = async (id: number) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const { rows: [r] } = await c.query('SELECT * FROM f WHERE id = $1 FOR UPDATE', [id]);
      await c.query('UPDATE f SET state = $1, version = $2 WHERE id = $3 AND version = $4', [r.state === 'ping' ? 'pong' : 'ping', r.version + 1, id, r.version]);
      await c.query('INSERT INTO l (case_id, seq, event, created_at) VALUES ($1, $2, $3, now())', [id, r.version + 1, 'PING']);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  let n = 0;
  return { seq: () => tx((n++ % CASES) + 1), conc: (w) => tx(w + 1), close: () => pool.end() };
}

async function runOn(kind: Kind) {
  const variants: Record<string, { seq: Step; conc: Step; close(): Promise<void> }> = {
    floor: await floorVariant(kind),
    engine: await engineVariant(kind, false),
    ...(kind === 'sqlite' ? { 'engine+conn': await engineVariant(kind, true) } : {}),
    lean: await leanVariant(kind),
  };
  const list = Object.entries(variants).flatMap(([name, v]) => [
    { name: `${name} seq`, run: () => rate(seconds, 1, () => v.seq(0)) },
    { name: `${name} x8`, run: () => rate(seconds, CASES, (w) => v.conc(w)) },
  ]);
  const res = await interleave(rounds, list, { warmup: true });
  for (const v of Object.values(variants)) await v.close();
  console.log(`\n### what-if, ${kind}: persisted transition (tx/s, median of ${rounds} rounds, ratio to the floor of the same round)\n`);
  console.log('| variant | sequential | ratio | 8 concurrent | ratio |');
  console.log('|---|---|---|---|---|');
  for (const name of Object.keys(variants)) {
    const cells = ['seq', 'x8'].flatMap((m) => {
      const xs = res[`${name} ${m}`];
      const ratios = xs.map((x, i) => x / res[`floor ${m}`][i]);
      return [`${fmt(median(xs))} (${fmt(min(xs))}–${fmt(max(xs))})`, `${fmt(median(ratios), 2)}× (${fmt(min(ratios), 2)}–${fmt(max(ratios), 2)})`];
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

async function queriesOn(kind: Kind) {
  const db = await freshDatabase(kind, 'queries', pgUrl);
  const engine = await benchEngine(db.url);
  const fixture = await prepareFixture(engine);
  const dev = fixture.users[DEVELOPER];
  const clerk = fixture.users.clerk1;
  const orgs = await seedOrgs(engine, 200);
  await seedCases(engine, fixture, { count: Number(args.cases), types: ['area-filing', 'bench-review', 'bench-ping-pong'], orgs: [{ id: dev.orgId!, weight: 10 }, ...orgs.map((id) => ({ id, weight: 90 / 200 }))] });
  const q = engine.db.sequelize;
  const [[{ number }]] = await q.query("SELECT c.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'open' AND t.role = 'clerk' AND t.district = '440604' LIMIT 1") as [Array<{ number: string }>, unknown];
  const rows: Array<[string, string, string]> = [];
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); }
    return `${quantile(xs, 0.5).toFixed(1)} / ${quantile(xs, 0.9).toFixed(1)}`;
  };
  const shapes: Array<[string, () => Promise<unknown>]> = [
    ['engine listInbox as clerk1', () => listInbox(engine, clerk, {})],
    ['engine listInbox as clerk1, q = a business number', () => listInbox(engine, clerk, { q: number })],
    ['engine listCases as clerk1', () => listCases(engine, clerk, {})],
    ['engine listCases as the developer', () => listCases(engine, dev, {})],
    ['inbox rows: UNION ALL of the scope branches, each ORDER BY due_at, id LIMIT 20', () => q.query(`SELECT * FROM (SELECT * FROM (SELECT id, case_id, due_at FROM tasks WHERE status = 'open' AND role = 'clerk' AND scope = 'district' AND district = '440604' ORDER BY due_at, id LIMIT 20) a UNION ALL SELECT * FROM (SELECT id, case_id, due_at FROM tasks WHERE status = 'open' AND role = 'clerk' AND scope = 'any' ORDER BY due_at, id LIMIT 20) b) u ORDER BY due_at, id LIMIT 20`)],
    ['inbox count per branch, without joining cases', () => q.query(`SELECT (SELECT count(*) FROM tasks WHERE status = 'open' AND role = 'clerk' AND scope = 'district' AND district = '440604') + (SELECT count(*) FROM tasks WHERE status = 'open' AND role = 'clerk' AND scope = 'any') AS n`)],
    ['department list rows (district, not draft) ORDER BY updated_at DESC, id DESC LIMIT 20', () => q.query(`SELECT id FROM cases WHERE district = '440604' AND status <> 'draft' ORDER BY updated_at DESC, id DESC LIMIT 20`)],
    ['department list exact count', () => q.query(`SELECT count(*) FROM cases WHERE district = '440604' AND status <> 'draft'`)],
    ['department list count capped at 1,001', () => q.query(`SELECT count(*) AS n FROM (SELECT 1 FROM cases WHERE district = '440604' AND status <> 'draft' LIMIT 1001) x`)],
    ['search by number = ?', () => q.query(`SELECT id FROM cases WHERE number = '${number}'`)],
  ];
  const before: string[] = [];
  for (const [, fn] of shapes) before.push(await time('', fn));
  const indexes = [
    'CREATE INDEX bench_tasks_inbox ON tasks (status, role, scope, district, due_at, id)',
    'CREATE INDEX bench_tasks_completed_by ON tasks (completed_by)',
    'CREATE INDEX bench_tasks_org_role ON tasks (org_id, role)',
    'CREATE INDEX bench_cases_district_updated ON cases (district, updated_at, id)',
    'CREATE INDEX bench_cases_org_updated ON cases (org_id, updated_at, id)',
  ];
  for (const sql of indexes) await q.query(sql);
  await q.query(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE cases; ANALYZE tasks');
  for (const [i, [label, fn]] of shapes.entries()) rows.push([label, before[i], await time('', fn)]);
  await engine.db.close();
  console.log(`\n### what-if, ${kind}: inbox and list queries at ${Number(args.cases).toLocaleString('en-US')} cases (ms, p50 / p90 of 30 calls)\n`);
  console.log(`added: ${indexes.map((x) => x.replace(/^CREATE INDEX \S+ ON /, '')).join('; ')}\n`);
  console.log('| query | current indexes | with the added indexes |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

const reachable = await postgresReachable(pgUrl);
const kinds: Kind[] = args.db === 'sqlite' ? ['sqlite'] : args.db === 'postgres' ? ['postgres'] : reachable ? ['sqlite', 'postgres'] : ['sqlite'];
try {
  for (const kind of kinds) {
    if (only.has('transition')) await runOn(kind);
    if (only.has('queries')) await queriesOn(kind);
  }
} finally {
  await dropAll();
}
process.exit(0);
