// Bulk seeding straight into the engine's tables (cases + one open task each): multi-row INSERTs as
// prepared statements, 5,000 rows per write transaction of the engine; a large load runs with the
// secondary indexes dropped and builds them again at the end (withoutSecondaryIndexes). Snapshots
// and tasks are the real ones: each type's workflow is walked with XState's pure transition() from
// its initial state, and every reachable state that has a task becomes a state seeded cases can be in.
import fs from 'node:fs';
import { initialTransition, transition } from 'xstate';
import type { Engine } from '../../engine/context.js';
import { sqlValue, type Raw } from '../../engine/db/raw.js';
import type { TaskDef, TypeVersionDef } from '../../engine/registry/index.js';
import { getPointer, persistSnapshot } from '../../engine/registry/index.js';
import { STREETS, type Fixture } from './fixtures.js';

interface SeedState {
  state: string;
  status: 'draft' | 'active';
  snapshot: unknown;
  task: TaskDef;
  taskState: string;
}

const leavesOf = (value: unknown, prefix: string[] = []): string[] =>
  typeof value === 'string' ? [[...prefix, value].join('.')]
    : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...prefix, k])) : [];

const pathsOf = (leaves: string[]) => [...new Set(leaves.flatMap((l) => l.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'))))];

function stateNode(def: TypeVersionDef, path: string): { meta?: { tasks?: TaskDef[] } } | undefined {
  type N = { states?: Record<string, N>; meta?: { tasks?: TaskDef[] } };
  let node: N | undefined = def.workflow as unknown as N;
  for (const key of path.split('.')) node = node?.states?.[key];
  return node;
}

/** Every reachable state of a type that has a human task, with its persisted snapshot. */
export function seedStates(engine: Engine, def: TypeVersionDef): SeedState[] {
  const machine = engine.registry.machine(def);
  const [initial] = initialTransition(machine);
  const example = (def.schema.examples?.[0] ?? {}) as Record<string, unknown>;
  const out: SeedState[] = [];
  const seen = new Set<string>();
  const queue = [initial];
  const initialKey = leavesOf(initial.value).join(',');
  while (queue.length) {
    const snap = queue.shift()!;
    const leaves = leavesOf(snap.value);
    const key = leaves.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const events = new Set<string>();
    for (const p of pathsOf(leaves)) {
      for (const task of stateNode(def, p)?.meta?.tasks ?? []) {
        if (!out.some((s) => s.state === key)) {
          out.push({ state: key, status: key === initialKey ? 'draft' : 'active', snapshot: persistSnapshot(machine, snap), task, taskState: p });
        }
        Object.keys(task.events).forEach((e) => events.add(e));
      }
    }
    for (const type of events) {
      const [next] = transition(machine, snap, { type, $data: example, $decision: {}, $flags: [] } as never);
      if (next.status === 'active' && !seen.has(leavesOf(next.value).join(','))) queue.push(next);
    }
  }
  return out;
}

export interface SeedOptions {
  count: number;
  types: string[];
  /** Owning organisations, each with a weight. */
  orgs: Array<{ id: number; weight: number }>;
  /** Restrict to one state of each type (e.g. 'draft'). */
  state?: string;
  /** Restrict to one district (default: 55 % 440604, 45 % 440605). */
  district?: string;
  /** Link the fixture's three uploaded files to every case (as a real draft would have). */
  linkFiles?: boolean;
  createdBy?: number | null;
  /** ANALYZE at the end (default); a bulk load leaves it to settle(), after its indexes are back. */
  analyze?: boolean;
}

export interface SeedResult {
  ids: number[];
  byType: Record<string, number>;
  byState: Record<string, number>;
  byDistrict: Record<string, number>;
}

let counter = 0;
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so every run seeds the same spread. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function seedCases(engine: Engine, fixture: Fixture, opts: SeedOptions): Promise<SeedResult> {
  const { sequelize, dialect } = engine.db;
  const v = (x: unknown) => sqlValue(dialect, x);
  const random = rng(counter + 17);
  const defs = opts.types.map((id) => {
    const def = engine.registry.current(id);
    if (!def) throw new Error(`type ${id} is not published`);
    const states = seedStates(engine, def).filter((s) => !opts.state || s.state === opts.state)
      .map((s) => ({ ...s, snapshotJson: JSON.stringify(s.snapshot), eventsJson: JSON.stringify(s.task.events) }));
    if (!states.length) throw new Error(`type ${id} has no seedable state ${opts.state ?? ''}`);
    return { def, states };
  });
  const totalWeight = opts.orgs.reduce((a, o) => a + o.weight, 0);
  const pickOrg = () => {
    let x = random() * totalWeight;
    for (const o of opts.orgs) if ((x -= o.weight) < 0) return o.id;
    return opts.orgs[opts.orgs.length - 1].id;
  };
  const result: SeedResult = { ids: [], byType: {}, byState: {}, byDistrict: {} };
  const now = Date.now();
  for (let done = 0; done < opts.count; done += ROWS_PER_TX) {
    const n = Math.min(ROWS_PER_TX, opts.count - done);
    await engine.db.tx(async (t) => {
      const sql = engine.db.sql(t);
      const maxId = (await sql.get('SELECT COALESCE(MAX(id), 0) AS "maxId" FROM cases'))!.maxId;
      let id = Number(maxId);
      const caseRows: unknown[][] = [];
      const taskRows: unknown[][] = [];
      const fileRows: unknown[][] = [];
      for (let i = 0; i < n; i++) {
        id++;
        const k = ++counter;
        const { def, states } = defs[k % defs.length];
        const st = states[Math.floor(random() * states.length)];
        const district = opts.district ?? (random() < 0.55 ? '440604' : '440605');
        const street = STREETS[district][Math.floor(random() * STREETS[district].length)];
        const orgId = pickOrg();
        let data: Record<string, unknown>;
        if (def.id === 'area-filing') data = fixture.areaData(`S${k}`, district);
        else {
          data = structuredClone((def.schema.examples?.[0] ?? {}) as Record<string, unknown>);
          const s = def.settings;
          if (s.titleField) setTop(data, s.titleField, `${String(getPointer(data, s.titleField) ?? s.title)} ${k}`);
          if (s.scope?.district) setTop(data, s.scope.district, district);
          if (s.scope?.street) setTop(data, s.scope.street, street);
        }
        if (data.street !== undefined) data.street = street;
        const title = def.settings.titleField ? String(getPointer(data, def.settings.titleField) ?? def.settings.title) : def.settings.title;
        const created = new Date(now - Math.floor(random() * 365 * DAY));
        const updated = new Date(Math.min(now, created.getTime() + Math.floor(random() * 30 * DAY)));
        const number = `${def.settings.numberPrefix}-2025-${String(k).padStart(6, '0')}`;
        caseRows.push([id, number, def.id, def.version, title, st.state, st.status, JSON.stringify(data), st.snapshotJson, '[]',
          orgId, opts.createdBy ?? null, district, street, null, 1, st.status === 'draft' ? null : v(updated), null, v(created), v(updated)]);
        const task = st.task;
        const taskOrg = task.role === 'applicant' || task.scope === 'org' ? orgId : null;
        const due = task.due ? new Date(updated.getTime() + Math.floor((random() * 25 - 10) * DAY)) : null;
        taskRows.push([id, st.taskState, task.name, task.title, task.role, task.scope, district, taskOrg, st.eventsJson, null, 'open',
          due ? v(due) : null, def.id, v(updated), v(updated)]);
        if (opts.linkFiles) for (const f of fixture.fileIds) fileRows.push([id, f, v(updated)]);
        result.ids.push(id);
        result.byType[def.id] = (result.byType[def.id] ?? 0) + 1;
        result.byState[`${def.id}:${st.state}`] = (result.byState[`${def.id}:${st.state}`] ?? 0) + 1;
        result.byDistrict[district] = (result.byDistrict[district] ?? 0) + 1;
      }
      await insertRows(sql, 'cases', CASE_COLUMNS, caseRows);
      await insertRows(sql, 'tasks', TASK_COLUMNS, taskRows);
      await insertRows(sql, 'case_files', ['case_id', 'file_id', 'created_at'], fileRows);
    });
  }
  if (dialect === 'postgres') await sequelize.query(`SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT MAX(id) FROM cases))`);
  if (opts.analyze !== false) await sequelize.query(dialect === 'postgres' ? 'ANALYZE cases; ANALYZE tasks;' : 'ANALYZE');
  return result;
}

const CASE_COLUMNS = ['id', 'number', 'type_id', 'type_version', 'title', 'state', 'status', 'data', 'snapshot', 'flags', 'org_id', 'created_by',
  'district', 'street', 'area_id', 'version', 'submitted_at', 'closed_at', 'created_at', 'updated_at'];
const TASK_COLUMNS = ['case_id', 'state', 'name', 'title', 'role', 'scope', 'district', 'org_id', 'events', 'assignee_id', 'status', 'due_at',
  'type_id', 'created_at', 'updated_at'];
/** Rows per transaction, and per multi-row INSERT (20 columns × 1,000 rows stays under both drivers' parameter limits). */
const ROWS_PER_TX = 5000;
const ROWS_PER_INSERT = 1000;

/**
 * Multi-row INSERTs as prepared statements (engine/db/raw.ts): the text of a full batch is the
 * same every time, so SQLite and PostgreSQL parse and plan it once per connection.
 */
async function insertRows(sql: Raw, table: string, columns: string[], rows: unknown[][]) {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat());
  }
}

/**
 * Runs a bulk load with the secondary indexes of the given tables dropped, and creates them again
 * afterwards from their own definitions (sqlite_master / pg_indexes), so the schema ends exactly as
 * the migrations made it: building an index once over sorted rows is many times cheaper than
 * updating it row by row. Primary keys and indexes behind constraints (unique numbers) stay.
 * The indexes are recreated even when the load fails. Returns the seconds spent recreating them.
 */
export async function withoutSecondaryIndexes(engine: Engine, tables: string[], load: () => Promise<void>): Promise<{ indexSeconds: number; indexes: string[] }> {
  const { sequelize, dialect } = engine.db;
  const [rows] = dialect === 'sqlite'
    ? await sequelize.query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map((t) => `'${t}'`).join(', ')}) ORDER BY name`)
    : await sequelize.query(`SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN (${tables.map((t) => `'${t}'`).join(', ')})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
        ORDER BY i.indexname`);
  const indexes = rows as Array<{ name: string; sql: string }>;
  await engine.db.tx(async (t) => {
    for (const ix of indexes) await sequelize.query(`DROP INDEX "${ix.name}"`, { transaction: t });
  }, { timeoutMs: 0 });
  const recreate = () => engine.db.tx(async (t) => {
    if (dialect === 'postgres') await sequelize.query("SET LOCAL maintenance_work_mem = '256MB'", { transaction: t });
    for (const ix of indexes) await sequelize.query(ix.sql, { transaction: t });
  }, { timeoutMs: 0 });
  try {
    await load();
  } catch (err) {
    await recreate();
    throw err;
  }
  const start = performance.now();
  await recreate();
  return { indexSeconds: (performance.now() - start) / 1000, indexes: indexes.map((i) => i.name) };
}

/**
 * After a bulk load: PostgreSQL VACUUM ANALYZE (as autovacuum would do soon after: index-only
 * scans need the visibility map); SQLite a checkpoint that empties the WAL.
 */
export async function settle(engine: Engine, tables: string[]) {
  const { sequelize, dialect } = engine.db;
  if (dialect === 'postgres') await sequelize.query(`VACUUM ANALYZE ${tables.join(', ')}`);
  else {
    await sequelize.query('ANALYZE');
    // The bulk load went through the WAL: copy it into the database file and empty it, so the file
    // size is the database's and readers do not search a WAL of gigabytes.
    await sequelize.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}

/** Bytes the database takes: the SQLite file (and its WAL), or pg_database_size. */
export async function databaseBytes(engine: Engine): Promise<number> {
  const { sequelize, dialect } = engine.db;
  if (dialect === 'postgres') {
    const [[row]] = await sequelize.query('SELECT pg_database_size(current_database()) AS n') as [Array<{ n: string }>, unknown];
    return Number(row.n);
  }
  const storage = (sequelize as unknown as { options: { storage: string } }).options.storage;
  return ['', '-wal'].reduce((a, s) => a + (fs.existsSync(storage + s) ? fs.statSync(storage + s).size : 0), 0);
}

function setTop(data: Record<string, unknown>, pointer: string, value: unknown) {
  const parts = pointer.split('/').slice(1);
  let node = data;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** Extra organisations for a realistic spread of applicants (bulk, one statement). */
export async function seedOrgs(engine: Engine, count: number): Promise<number[]> {
  const { sequelize } = engine.db;
  const e = (v: unknown) => sequelize.escape(v as never);
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => `(${[e(i % 2 ? 'company' : 'developer'), e(`BENCHORG${String(i).padStart(6, '0')}`), e(`基准单位${i}`), e(i % 2 ? '440605' : '440604'), e('{}'), e('[]'), e(now), e(now)].join(', ')})`);
  await engine.db.tx((t) => sequelize.query(`INSERT INTO orgs (kind, code, name, district, data, warnings, created_at, updated_at) VALUES ${rows.join(',\n')}`, { transaction: t }));
  const ids = await engine.db.models.Org.findAll({ where: { code: rows.map((_, i) => `BENCHORG${String(i).padStart(6, '0')}`) }, attributes: ['id'], raw: true });
  return ids.map((r) => r.id as number);
}
