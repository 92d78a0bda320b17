// The physical floor of a whole filing: what the raw driver needs for the four transactions a
// filing is (create the draft; submit, accept, approve), on the same database, with the same form
// data and snapshot JSON as the engine's case. Each transaction: create = INSERT the case row and
// its first event; a step = SELECT the row (FOR UPDATE on PostgreSQL), UPDATE it guarded by its
// version, INSERT the event. SQLite: one raw connection (transactions one at a time, as the
// engine's writer), WAL + synchronous=FULL; PostgreSQL: a raw pg pool.
import pg from 'pg';
import { createMutex } from '../../engine/db/index.js';
import { openRawSqlite, type FreshDb } from './databases.js';

export interface FilingFloor {
  filing(): Promise<void>;
  close(): Promise<void>;
}

const STEPS = ['submitted', 'accepted', 'approved'];

export async function filingFloor(db: FreshDb, data: string, snapshot: string): Promise<FilingFloor> {
  if (db.kind === 'sqlite') {
    const conn = await openRawSqlite(db.file!);
    await conn.exec(`CREATE TABLE IF NOT EXISTS floor_filings (id INTEGER PRIMARY KEY AUTOINCREMENT, state TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, snapshot TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_filing_events (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, to_state TEXT, created_at TEXT NOT NULL);`);
    const lock = createMutex();
    const tx = (body: () => Promise<number | void>) => lock(async () => {
      await conn.run('BEGIN IMMEDIATE');
      try {
        const out = await body();
        await conn.run('COMMIT');
        return out;
      } catch (err) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    return {
      async filing() {
        const id = (await tx(async () => {
          const { lastID } = await conn.run('INSERT INTO floor_filings (state, version, data, snapshot, updated_at) VALUES (?, 1, ?, ?, ?)', ['draft', data, snapshot, new Date().toISOString()]);
          await conn.run('INSERT INTO floor_filing_events (case_id, seq, event, to_state, created_at) VALUES (?, 1, ?, ?, ?)', [lastID, 'CREATE', 'draft', new Date().toISOString()]);
          return lastID;
        })) as number;
        for (const to of STEPS) {
          await tx(async () => {
            const row = await conn.get<{ version: number }>('SELECT * FROM floor_filings WHERE id = ?', [id]);
            await conn.run('UPDATE floor_filings SET state = ?, version = ?, snapshot = ?, updated_at = ? WHERE id = ? AND version = ?', [to, row!.version + 1, snapshot, new Date().toISOString(), id, row!.version]);
            await conn.run('INSERT INTO floor_filing_events (case_id, seq, event, to_state, created_at) VALUES (?, ?, ?, ?, ?)', [id, row!.version + 1, to.toUpperCase(), to, new Date().toISOString()]);
          });
        }
      },
      close: () => conn.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS floor_filings (id BIGSERIAL PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, data JSON NOT NULL, snapshot JSON NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
    CREATE TABLE IF NOT EXISTS floor_filing_events (id BIGSERIAL PRIMARY KEY, case_id BIGINT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, to_state TEXT, created_at TIMESTAMPTZ NOT NULL)`);
  const tx = async <T>(body: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await body(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };
  return {
    async filing() {
      const id = await tx(async (c) => {
        const { rows: [row] } = await c.query('INSERT INTO floor_filings (state, version, data, snapshot, updated_at) VALUES ($1, 1, $2, $3, now()) RETURNING id', ['draft', data, snapshot]);
        await c.query('INSERT INTO floor_filing_events (case_id, seq, event, to_state, created_at) VALUES ($1, 1, $2, $3, now())', [row.id, 'CREATE', 'draft']);
        return row.id as string;
      });
      for (const to of STEPS) {
        await tx(async (c) => {
          const { rows: [row] } = await c.query('SELECT * FROM floor_filings WHERE id = $1 FOR UPDATE', [id]);
          await c.query('UPDATE floor_filings SET state = $1, version = $2, snapshot = $3, updated_at = now() WHERE id = $4 AND version = $5', [to, row.version + 1, snapshot, id, row.version]);
          await c.query('INSERT INTO floor_filing_events (case_id, seq, event, to_state, created_at) VALUES ($1, $2, $3, $4, now())', [id, row.version + 1, to.toUpperCase(), to]);
        });
      }
    },
    close: () => pool.end(),
  };
}
