// One schema (engine/db/schema.ts) for the models, the prepared statements and the migrations: a
// migrated database — a new one, and one of the 2026-12 release upgraded — has exactly the tables
// and columns the schema describes, with types of their kind; and a row reads the same through the
// prepared statements (engine/db/raw.ts) as through the models: JSON parsed, dates as Date,
// booleans as booleans. Runs on SQLite and PostgreSQL (DATABASE_URL).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { openDatabase, SCHEMA, type ColumnKind, type Database, type Models, type TableName } from '../engine/db/index.js';
import { tableColumns, snakeCase, type Column } from '../engine/db/schema.js';
import { freshDatabaseUrl, isPostgres } from './helpers/app.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

async function open(url: string): Promise<Database> {
  const db = await openDatabase(url);
  cleanups.push(() => db.close());
  return db;
}

async function freshUrl(): Promise<string> {
  const fresh = await freshDatabaseUrl();
  cleanups.push(fresh.drop);
  return fresh.url;
}

/** A new database holding the dump of the 2026-12 release (as test/migrations.test.ts). */
async function releaseUrl(): Promise<string> {
  const url = await freshUrl();
  const fixture = path.join(ROOT_DIR, 'test', 'fixtures', 'release-2026-12');
  if (isPostgres()) execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', path.join(fixture, 'postgres.sql'), url], { stdio: 'pipe' });
  else execFileSync('sqlite3', [url.replace(/^sqlite:/, ''), `.read ${path.join(fixture, 'sqlite.sql')}`], { stdio: 'pipe' });
  return url;
}

interface DbColumn { table: string; column: string; type: string; notNull: boolean; primaryKey: boolean }

/** The columns of every table as the database reports them (type as declared, lower case). */
async function columnsIn(db: Database): Promise<DbColumn[]> {
  if (db.dialect === 'postgres') {
    const rows = await db.read.all(`SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length, c.is_nullable,
        EXISTS (SELECT 1 FROM information_schema.table_constraints k JOIN information_schema.key_column_usage u
          ON u.constraint_name = k.constraint_name AND u.table_schema = k.table_schema
          WHERE k.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name = c.table_name AND u.column_name = c.column_name) AS pk
      FROM information_schema.columns c WHERE c.table_schema = current_schema()`);
    return rows.map((r) => ({
      table: r.tableName as string, column: r.columnName as string, notNull: r.isNullable === 'NO', primaryKey: r.pk === true,
      type: r.characterMaximumLength ? `${r.dataType}(${r.characterMaximumLength})` : String(r.dataType),
    }));
  }
  const tables = await db.read.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const out: DbColumn[] = [];
  for (const { name } of tables) {
    for (const c of await db.read.all(`SELECT name, type, "notnull", pk FROM pragma_table_info('${String(name)}')`)) {
      out.push({ table: name as string, column: c.name as string, type: String(c.type).toLowerCase(), notNull: c.notnull === 1, primaryKey: Number(c.pk) > 0 });
    }
  }
  return out;
}

/** The types a column of each kind is created with by Sequelize's sync and by the migrations. */
const TYPES: Record<'sqlite' | 'postgres', Record<ColumnKind, (c: Column) => string>> = {
  sqlite: {
    integer: () => 'integer', text: (c) => (c.length ? `varchar(${c.length})` : 'text'), json: () => 'json',
    date: () => 'datetime', boolean: () => 'tinyint(1)', blob: () => 'longblob',
  },
  postgres: {
    integer: () => 'integer', text: (c) => (c.length ? `character varying(${c.length})` : 'text'), json: () => 'json',
    date: () => 'timestamp with time zone', boolean: () => 'boolean', blob: () => 'bytea',
  },
};

const TABLES = Object.keys(SCHEMA) as TableName[];

function expectSchema(db: Database, found: DbColumn[]) {
  const described = TABLES.flatMap((table) => Object.entries(tableColumns(table)).map(([attribute, c]) => ({ table, column: snakeCase(attribute), c })));
  // Both ways: no column of the schema is missing, no column of the database is undescribed.
  const key = (x: { table: string; column: string }) => `${x.table}.${x.column}`;
  const inDb = found.filter((f) => f.table !== 'schema_migrations');
  expect(inDb.map(key).sort()).toEqual(described.map(key).sort());
  const byKey = new Map(inDb.map((f) => [key(f), f]));
  for (const d of described) {
    const f = byKey.get(key(d))!;
    expect({ at: key(d), type: f.type }).toEqual({ at: key(d), type: TYPES[db.dialect][d.c.kind](d.c) });
    // SQLite reports a non-integer primary key as nullable; PostgreSQL makes every key NOT NULL.
    if (!d.c.primaryKey) expect({ at: key(d), notNull: f.notNull }).toEqual({ at: key(d), notNull: !!d.c.notNull });
    else expect({ at: key(d), primaryKey: f.primaryKey }).toEqual({ at: key(d), primaryKey: true });
  }
}

/** A value of the column's kind for a test row (text within its length). */
function sample(table: string, attribute: string, c: Column, n: number): unknown {
  switch (c.kind) {
    case 'integer': return 40 + n;
    case 'text': return `${n}-${table}.${attribute}`.slice(0, c.length ?? 100); // n first: keys and unique columns differ
    // Text that looks like a date or JSON inside a JSON value stays text.
    case 'json': return { n, list: [1, 'two', { at: '2026-12-07 08:09:10.123 +00:00' }], quoted: '{"not":"parsed"}', yes: true };
    case 'date': return new Date(Date.UTC(2026, 11, 7, 8, 9, 10, 123 + n));
    case 'boolean': return n % 2 === 0;
    case 'blob': return Buffer.from(`blob ${n}`);
  }
}

describe('one schema for models, statements and migrations', () => {
  it('a new database has exactly the tables and columns of engine/db/schema.ts, with types of their kind', async () => {
    const db = await open(await freshUrl());
    expectSchema(db, await columnsIn(db));
  });

  it('so does a database of the 2026-12 release once upgraded', async () => {
    const db = await open(await releaseUrl());
    expectSchema(db, await columnsIn(db));
  });

  it('a row reads the same through the prepared statements as through the models, on every table', async () => {
    const db = await open(await freshUrl());
    const MODEL_OF: Record<string, keyof Models> = Object.fromEntries(Object.entries(db.models).map(([name, model]) => [model.tableName, name as keyof Models]));
    for (const table of TABLES) {
      const model = db.models[MODEL_OF[table]];
      const columns = Object.entries(tableColumns(table)).filter(([, c]) => !c.autoIncrement);
      for (const n of [0, 1]) {
        const values = Object.fromEntries(columns.map(([a, c]) => [a, sample(table, a, c, n)]));
        // Two rows, the second with booleans false and the nullable columns empty.
        if (n === 1) for (const [a, c] of columns) if (!c.notNull && !c.primaryKey) values[a] = null;
        const created = await model.create(values);
        const pk = Object.fromEntries(Object.entries(tableColumns(table)).filter(([, c]) => c.primaryKey).map(([a]) => [a, created.get(a)]));
        const where = Object.keys(pk).map((a) => `${snakeCase(a)} = ?`).join(' AND ');

        const viaModel = await model.findOne({ where: pk, raw: true });
        const viaRead = await db.read.get(`SELECT * FROM ${table} WHERE ${where}`, Object.values(pk));
        const viaTx = await db.tx((t) => db.sql(t).get(`SELECT * FROM ${table} WHERE ${where}`, Object.values(pk)));
        expect(viaRead, table).toEqual(viaModel);
        expect(viaTx, table).toEqual(viaModel);
        // The values are the ones written (timestamps are the models'), of the kind's JS type.
        const { createdAt, updatedAt, ...rest } = viaModel!;
        expect(rest, table).toEqual(Object.fromEntries(Object.entries(values).filter(([a]) => a !== 'createdAt' && a !== 'updatedAt').concat(Object.keys(pk).filter((a) => !(a in values)).map((a) => [a, pk[a]]))));
        for (const stamp of [createdAt, updatedAt]) if (stamp !== undefined) expect(stamp).toBeInstanceOf(Date);
      }
    }
  });
});
