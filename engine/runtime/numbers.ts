// Human business numbers (WYQY-2026-000123): one counter row per prefix and year, incremented
// inside the case-creating transaction, so a number is unique and, once committed, never reused.
// One upsert with RETURNING (SQLite ≥ 3.35 and PostgreSQL alike), a prepared statement on the
// transaction's connection; on PostgreSQL the row lock of the conflicting update serializes
// concurrent creators of the same prefix.
import type { Transaction } from 'sequelize';
import type { Database } from '../db/index.js';

export async function nextBusinessNumber(db: Database, t: Transaction, prefix: string, now = new Date()): Promise<string> {
  const name = `${prefix}-${now.getFullYear()}`;
  const row = await db.sql(t).get(
    'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value',
    [name],
  );
  return `${name}-${String(row!.value).padStart(6, '0')}`;
}
