// The SQLite settings the engine relies on hold inside transactions as well as outside: WAL (readers
// never wait for a commit), synchronous=FULL (an answered 200 survives power loss) and a busy timeout.
import { beforeEach, describe, expect, it } from 'vitest';
import { isPostgres, useFreshDatabase } from './helpers/app.js';

describe.skipIf(isPostgres())('SQLite connection settings', () => {
  const database = useFreshDatabase();
  let db: ReturnType<typeof database>;
  beforeEach(() => { db = database(); });

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

  it('group commit: transactions queued together commit together, a failing one alone is rolled back', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `group-${i}`);
    const outcomes = await Promise.allSettled(names.map((name, i) => db.tx(async (t) => {
      await db.sql(t).run('INSERT INTO sequences (name, value) VALUES (?, ?)', [name, i]);
      await db.models.Sequence.update({ value: i + 100 }, { where: { name }, transaction: t });
      if (i % 4 === 3) throw new Error(`fail ${i}`);
      return i;
    })));
    expect(outcomes.map((o) => o.status)).toEqual(names.map((_, i) => (i % 4 === 3 ? 'rejected' : 'fulfilled')));
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(['fail 3', 'fail 7', 'fail 11']);
    const rows = await db.read.all("SELECT name, value FROM sequences WHERE name LIKE 'group-%' ORDER BY value");
    expect(rows).toEqual(names.flatMap((name, i) => (i % 4 === 3 ? [] : [{ name, value: i + 100 }])));
  });

  it('a transaction whose statement fails (a unique key) leaves the others of its group intact', async () => {
    await db.tx((t) => db.sql(t).run("INSERT INTO sequences (name, value) VALUES ('dup', 1)"));
    const [a, b, c] = await Promise.allSettled([
      db.tx((t) => db.sql(t).run("INSERT INTO sequences (name, value) VALUES ('before-dup', 1)")),
      db.tx((t) => db.sql(t).run("INSERT INTO sequences (name, value) VALUES ('dup', 2)")),
      db.tx((t) => db.sql(t).run("INSERT INTO sequences (name, value) VALUES ('after-dup', 1)")),
    ]);
    expect([a.status, b.status, c.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((b as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await db.read.all("SELECT name, value FROM sequences WHERE name IN ('dup', 'before-dup', 'after-dup') ORDER BY name"))
      .toEqual([{ name: 'after-dup', value: 1 }, { name: 'before-dup', value: 1 }, { name: 'dup', value: 1 }]);
  });
});
