// Human business numbers (WYQY-2026-000123): one counter row per prefix and year, incremented
// inside the case-creating transaction, so a number is unique and, once committed, never reused.
// INSERT … ON CONFLICT DO NOTHING then UPDATE works on SQLite and PostgreSQL alike; on PostgreSQL
// the UPDATE's row lock serializes concurrent creators of the same prefix.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/index.js';

export async function nextBusinessNumber(db: Database, t: Transaction, prefix: string, now = new Date()): Promise<string> {
  const name = `${prefix}-${now.getFullYear()}`;
  const q = db.sequelize;
  await q.query('INSERT INTO sequences (name, value) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING', { replacements: { name }, transaction: t });
  await q.query('UPDATE sequences SET value = value + 1 WHERE name = :name', { replacements: { name }, transaction: t });
  const [row] = await q.query<{ value: number }>('SELECT value FROM sequences WHERE name = :name', {
    replacements: { name }, transaction: t, type: QueryTypes.SELECT,
  });
  return `${name}-${String(row.value).padStart(6, '0')}`;
}
