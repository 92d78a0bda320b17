// A database created by an earlier release is brought up to date when a server opens it: columns
// added since (tasks.type_id, which the inbox filters on) are created and filled from the data,
// and the indexes that use them exist; the old rows keep working in the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../engine/db/index.js';
import { freshDatabaseUrl } from './helpers/app.js';

let fresh: { url: string; drop(): Promise<void> };
let db: Database | undefined;

beforeAll(async () => {
  fresh = await freshDatabaseUrl();
});
afterAll(async () => {
  await db?.close();
  await fresh?.drop();
});

describe('schema upgrade', () => {
  it('adds tasks.type_id to an older database, fills it from the cases, and indexes it', async () => {
    const old = await openDatabase(fresh.url);
    const { Case, Task } = old.models;
    const now = new Date();
    const c = await Case.create({ number: 'OLD-2025-000001', typeId: 'area-filing', typeVersion: 1, state: 'submitted', status: 'active', data: {}, snapshot: {}, flags: [], district: '440604', createdAt: now, updatedAt: now });
    await Task.create({ caseId: c.get('id'), state: 'submitted', name: 'accept', role: 'clerk', scope: 'district', district: '440604', events: {}, status: 'open' });
    // Make it look like the earlier release: no column, no indexes on it, no migrations recorded.
    await old.sequelize.query('DROP TABLE schema_migrations');
    for (const index of ['tasks_inbox_district_type', 'tasks_inbox_org_type']) await old.sequelize.query(`DROP INDEX ${index}`);
    await old.sequelize.query('ALTER TABLE tasks DROP COLUMN type_id');
    await old.close();

    db = await openDatabase(fresh.url);
    const [row] = await db.read.all('SELECT case_id, type_id FROM tasks');
    expect(row).toEqual({ caseId: c.get('id'), typeId: 'area-filing' });
    const indexes = db.dialect === 'sqlite'
      ? (await db.read.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks'")).map((r) => r.name)
      : (await db.read.all("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'tasks'")).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['tasks_inbox_district_type', 'tasks_inbox_org_type']));
    // Opening it again changes nothing.
    await db.close();
    db = await openDatabase(fresh.url);
    expect(await db.read.all('SELECT type_id FROM tasks')).toEqual([{ typeId: 'area-filing' }]);
  });

  it('puts the task state into the type-filtered inbox indexes of a database migrated before 0003', async () => {
    const indexColumns = async (d: Database, name: string) => d.dialect === 'sqlite'
      ? (await d.read.all(`SELECT name FROM pragma_index_info('${name}') ORDER BY seqno`)).map((r) => r.name)
      : (await d.read.all(`SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE c.relname = '${name}' ORDER BY k.n`)).map((r) => r.name);
    const other = await freshDatabaseUrl();
    try {
      // A database as 0001 and 0002 left it: the type indexes end with (due_at, id).
      const old = await openDatabase(other.url);
      await old.sequelize.query('DROP INDEX tasks_inbox_district_type');
      await old.sequelize.query('DROP INDEX tasks_inbox_org_type');
      await old.sequelize.query('CREATE INDEX tasks_inbox_district_type ON tasks (status, role, scope, district, type_id, due_at, id)');
      await old.sequelize.query('CREATE INDEX tasks_inbox_org_type ON tasks (status, role, org_id, type_id, due_at, id)');
      await old.sequelize.query("DELETE FROM schema_migrations WHERE name = '0003-inbox-type-state'");
      expect(await indexColumns(old, 'tasks_inbox_district_type')).toEqual(['status', 'role', 'scope', 'district', 'type_id', 'due_at', 'id']);
      await old.close();

      const upgraded = await openDatabase(other.url);
      try {
        expect(await indexColumns(upgraded, 'tasks_inbox_district_type')).toEqual(['status', 'role', 'scope', 'district', 'type_id', 'due_at', 'id', 'state']);
        expect(await indexColumns(upgraded, 'tasks_inbox_org_type')).toEqual(['status', 'role', 'org_id', 'type_id', 'due_at', 'id', 'state']);
        expect((await upgraded.read.all("SELECT name FROM schema_migrations WHERE name = '0003-inbox-type-state'"))).toHaveLength(1);
      } finally {
        await upgraded.close();
      }
    } finally {
      await other.drop();
    }
  });
});
