// Poison timers (issue 15): a timer whose transition keeps failing is retried with exponential
// backoff and given up ("dead") after a number of attempts, so it no longer blocks the poll. The
// poll selects by the next attempt time (the due time until a first failure), through this index.
import type { Migration } from './context.js';

export const timerRetries: Migration = {
  name: '0002-timer-retries',
  async up(ctx) {
    const date = ctx.db.dialect === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME';
    await ctx.addColumn('timers', 'attempts', 'INTEGER NOT NULL DEFAULT 0');
    await ctx.addColumn('timers', 'last_error', 'VARCHAR(1000)');
    await ctx.addColumn('timers', 'next_attempt_at', date);
    await ctx.run('CREATE INDEX IF NOT EXISTS timers_status_next_attempt ON timers (status, (COALESCE(next_attempt_at, due_at)))');
  },
};
