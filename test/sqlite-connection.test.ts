// The SQLite settings the engine relies on hold inside transactions as well as outside: WAL (readers
// never wait for a commit), synchronous=FULL (an answered 200 survives power loss) and a busy timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../engine/db/index.js';
import { freshDatabaseUrl, isPostgres } from './helpers/app.js';

let db: Database;
let fresh: { url: string; drop(): Promise<void> };

describe.skipIf(isPostgres())('SQLite connection settings', () => {
  beforeAll(async () => {
    fresh = await freshDatabaseUrl();
    db = await openDatabase(fresh.url);
  });
  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  const pragma = async (name: string, t?: unknown) =>
    Object.values(((await db.sequelize.query(`PRAGMA ${name}`, { transaction: t as never, plain: true })) ?? {}) as Record<string, unknown>)[0];

  it('applies WAL, synchronous=FULL and busy_timeout outside and inside transactions', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    for (let i = 0; i < 3; i++) {
      await db.tx(async (t) => {
        expect(await pragma('journal_mode', t)).toBe('wal');
        expect(await pragma('synchronous', t)).toBe(2);
        expect(await pragma('busy_timeout', t)).toBe(5000);
      });
    }
  });

  it('a failed transaction rolls back and the shared connection stays usable', async () => {
    await expect(db.tx(async (t) => {
      await db.models.Sequence.create({ name: 'rollback-probe', value: 1 }, { transaction: t });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await db.models.Sequence.count({ where: { name: 'rollback-probe' } })).toBe(0);
    await db.tx((t) => db.models.Sequence.create({ name: 'after-rollback', value: 1 }, { transaction: t }));
    expect(await db.models.Sequence.count({ where: { name: 'after-rollback' } })).toBe(1);
  });
});
