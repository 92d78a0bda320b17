// 1. Persisted transition: the engine's sendEvent (load the case, restore the snapshot, pure
// transition, write snapshot + tasks + event log, commit) on the two-state bench-ping-pong type,
// against the raw floor in the same database: read row + update row + insert one log row in one
// transaction (SQLite: one raw sqlite3 connection, BEGIN IMMEDIATE … COMMIT, WAL +
// synchronous=FULL; PostgreSQL: raw pg pool, BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT; COMMIT).
import pg from 'pg';
import type { Engine } from '../engine/context.js';
import { createCase, sendEvent } from '../engine/runtime/index.js';
import { createMutex } from '../engine/db/index.js';
import { openRawSqlite, type FreshDb } from './lib/databases.js';
import { DEVELOPER, type Fixture } from './lib/fixtures.js';
import { interleave, median, rate } from './lib/stats.js';
import { ratioGoal, type Report } from './lib/report.js';

export interface BenchContext {
  db: FreshDb;
  engine: Engine;
  fixture: Fixture;
  rounds: number;
  seconds: number;
  report: Report;
  log: (s: string) => void;
}

interface Floor {
  transition(caseId: number): Promise<void>;
  close(): Promise<void>;
}

const CASES = 8;

async function sqliteFloor(file: string, snapshot: string, data: string): Promise<Floor> {
  const db = await openRawSqlite(file);
  await db.exec(`CREATE TABLE IF NOT EXISTS floor_cases (id INTEGER PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, snapshot TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS floor_events (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, from_state TEXT, to_state TEXT, created_at TEXT NOT NULL);`);
  for (let i = 1; i <= CASES; i++) await db.run('INSERT OR REPLACE INTO floor_cases VALUES (?, ?, 1, ?, ?, ?)', [i, 'ping', data, snapshot, new Date().toISOString()]);
  const lock = createMutex(); // one connection: its transactions run one at a time, like the engine's
  return {
    transition: (id) => lock(async () => {
      await db.run('BEGIN IMMEDIATE');
      try {
        const row = await db.get<{ state: string; version: number }>('SELECT * FROM floor_cases WHERE id = ?', [id]);
        const to = row!.state === 'ping' ? 'pong' : 'ping';
        await db.run('UPDATE floor_cases SET state = ?, version = ?, snapshot = ?, updated_at = ? WHERE id = ? AND version = ?', [to, row!.version + 1, snapshot, new Date().toISOString(), id, row!.version]);
        await db.run('INSERT INTO floor_events (case_id, seq, event, from_state, to_state, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, row!.version + 1, to.toUpperCase(), row!.state, to, new Date().toISOString()]);
        await db.run('COMMIT');
      } catch (err) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }),
    close: () => db.close(),
  };
}

async function pgFloor(url: string, snapshot: string, data: string): Promise<Floor> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS floor_cases (id INTEGER PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, data JSON NOT NULL, snapshot JSON NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
    CREATE TABLE IF NOT EXISTS floor_events (id BIGSERIAL PRIMARY KEY, case_id INTEGER NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, from_state TEXT, to_state TEXT, created_at TIMESTAMPTZ NOT NULL)`);
  for (let i = 1; i <= CASES; i++) {
    await pool.query('INSERT INTO floor_cases VALUES ($1, $2, 1, $3, $4, now()) ON CONFLICT (id) DO NOTHING', [i, 'ping', data, snapshot]);
  }
  return {
    async transition(id) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const { rows: [row] } = await c.query('SELECT * FROM floor_cases WHERE id = $1 FOR UPDATE', [id]);
        const to = row.state === 'ping' ? 'pong' : 'ping';
        await c.query('UPDATE floor_cases SET state = $1, version = $2, snapshot = $3, updated_at = now() WHERE id = $4 AND version = $5', [to, row.version + 1, snapshot, id, row.version]);
        await c.query('INSERT INTO floor_events (case_id, seq, event, from_state, to_state, created_at) VALUES ($1, $2, $3, $4, $5, now())', [id, row.version + 1, to.toUpperCase(), row.state, to]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function benchTransition(ctx: BenchContext) {
  const { engine, fixture, db, report } = ctx;
  const dev = fixture.users[DEVELOPER];
  const cases: Array<{ id: number; next: 'PING' | 'PONG' }> = [];
  for (let i = 0; i < CASES; i++) {
    const id = await createCase(engine, dev, 'bench-ping-pong', { name: `乒乓${i}`, district: '440604' });
    cases.push({ id, next: 'PING' });
  }
  const sample = await engine.db.models.Case.findByPk(cases[0].id, { raw: true });
  const snapshot = JSON.stringify(sample!.snapshot);
  const data = JSON.stringify(sample!.data);
  const floor = db.kind === 'sqlite' ? await sqliteFloor(db.file!, snapshot, data) : await pgFloor(db.url, snapshot, data);

  let seqCounter = 0;
  const engineStep = async (c: { id: number; next: 'PING' | 'PONG' }) => {
    const event = c.next;
    c.next = event === 'PING' ? 'PONG' : 'PING';
    await sendEvent(engine, dev, c.id, { event });
  };
  const floorIds = Array.from({ length: CASES }, (_, i) => i + 1);
  let floorCounter = 0;
  const s = ctx.seconds;
  const results = await interleave(ctx.rounds, [
    { name: 'floor-1', run: () => rate(s, 1, () => floor.transition(floorIds[floorCounter++ % CASES])) },
    { name: 'engine-1', run: () => rate(s, 1, () => engineStep(cases[seqCounter++ % CASES])) },
    { name: 'floor-8', run: () => rate(s, 8, (w) => floor.transition(floorIds[w])) },
    { name: 'engine-8', run: () => rate(s, 8, (w) => engineStep(cases[w])) },
  ], { warmup: true, log: ctx.log });
  await floor.close();

  const floorName = db.kind === 'sqlite' ? 'raw sqlite3 floor' : 'raw pg floor';
  for (const c of [1, 8]) {
    const label = c === 1 ? 'sequential' : `${c} concurrent callers`;
    const f = results[`floor-${c}`];
    const e = results[`engine-${c}`];
    const ratios = e.map((x, i) => x / f[i]);
    report.add({ section: '1', name: `${floorName} (read+update+insert, 1 tx), ${label}`, unit: 'tx/s', values: f });
    report.add({ section: '1', name: `engine sendEvent (bench-ping-pong), ${label}`, unit: 'tx/s', values: e, ratio: { values: ratios, against: 'floor' }, goal: ratioGoal(ratios, 0.5) });
  }
  return { floorSeq: median(results['floor-1']), engineSeq: median(results['engine-1']) };
}
