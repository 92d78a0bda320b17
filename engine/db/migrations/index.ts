// Every migration, in order. To change the schema: add `NNNN-what.ts` with the next number, list
// it here, and change the table in ../schema.ts to match (a new database gets the models built from
// it by 0001's sync, an existing one the change from the migration: write it so both end the same;
// test/db-schema.test.ts compares both with the schema).
import type { Migration } from './context.js';
import { release202612 } from './0001-release-2026-12.js';
import { timerRetries } from './0002-timer-retries.js';
import { inboxTypeState } from './0003-inbox-type-state.js';

export const MIGRATIONS: readonly Migration[] = [release202612, timerRetries, inboxTypeState];
export { migrationContext, type Migration, type MigrationContext } from './context.js';
