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
});
