// Write transactions on both databases: a tx opened inside another is refused at once (on SQLite it
// would wait for its own outer transaction forever), a transaction past its time limit fails and is
// rolled back, and on SQLite concurrent transactions really share COMMITs and writes made outside
// db.tx go through the one writer too.
import { beforeEach, describe, expect, it } from 'vitest';
import { TxNestedError, TxTimeoutError } from '../engine/db/index.js';
import { isPostgres, useFreshDatabase } from './helpers/app.js';

describe('write transactions', () => {
  const database = useFreshDatabase();
  let db: ReturnType<typeof database>;
  beforeEach(() => { db = database(); });
  const count = (name: string) => db.models.Sequence.count({ where: { name } });

  it('a tx inside another is refused with a clear error, and the outer one still commits', async () => {
    const outcome = await db.tx(async (t) => {
      await db.models.Sequence.create({ name: 'outer', value: 1 }, { transaction: t });
      return db.tx(async () => 'inner ran').catch((err: Error) => err);
    });
    expect(outcome).toBeInstanceOf(TxNestedError);
    expect((outcome as Error).message).toContain('pass the outer transaction down');
    expect(await count('outer')).toBe(1);
    // Work a transaction started that runs after it ended may open its own.
    let later: Promise<number> | undefined;
    await db.tx(async () => { later = new Promise((r) => setTimeout(r, 20)).then(() => db.tx(async () => 7)); });
    expect(await later).toBe(7);
  });

  it('a transaction past its time limit fails, is rolled back, and cannot write afterwards', async () => {
    let late: Promise<unknown> | undefined;
    const slow = db.tx(async (t) => {
      await db.models.Sequence.create({ name: 'slow', value: 1 }, { transaction: t });
      await new Promise((r) => setTimeout(r, 300));
      late = db.models.Sequence.create({ name: 'late', value: 1 }, { transaction: t });
      return late;
    }, { timeoutMs: 100 });
    await expect(slow).rejects.toBeInstanceOf(TxTimeoutError);
    await expect(slow).rejects.toThrow('did not finish within 100 ms');
    await new Promise((r) => setTimeout(r, 400));
    await expect(late).rejects.toThrow(/no longer use it|has ended/);
    expect(await count('slow')).toBe(0);
    expect(await count('late')).toBe(0);
    await db.tx((t) => db.models.Sequence.create({ name: 'after-timeout', value: 1 }, { transaction: t }));
    expect(await count('after-timeout')).toBe(1);
  });

  it.skipIf(isPostgres())('SQLite: forty concurrent transactions share a few COMMITs', async () => {
    const before = { ...db.writerStats };
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.tx((t) => db.models.Sequence.create({ name: `grouped-${i}`, value: i }, { transaction: t }))));
    expect(db.writerStats.transactions - before.transactions).toBe(40);
    // The first runs alone; the 39 that queued meanwhile go in groups of at most 32.
    expect(db.writerStats.commits - before.commits).toBeLessThanOrEqual(3);
    expect(await db.models.Sequence.count({ where: { name: Array.from({ length: 40 }, (_, i) => `grouped-${i}`) } })).toBe(40);
  });

  it.skipIf(isPostgres())('SQLite: model writes outside db.tx go through the one writer', async () => {
    const before = { ...db.writerStats };
    await db.models.Sequence.create({ name: 'outside', value: 1 });
    await db.models.Sequence.update({ value: 2 }, { where: { name: 'outside' } });
    await db.models.Sequence.destroy({ where: { name: 'outside' } });
    expect(db.writerStats.transactions - before.transactions).toBe(3);
    // Inside a transaction, a write that forgot its transaction is refused instead of waiting for it.
    await expect(db.tx(() => db.models.Sequence.create({ name: 'forgot-t', value: 1 }))).rejects.toBeInstanceOf(TxNestedError);
  });
});
