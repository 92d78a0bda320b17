// The inbox filtered by type and state (?type=&state=): its page and its count walk the branch's
// tasks of the type in inbox order (tasks_inbox_district_type / tasks_inbox_org_type) and test each
// task's state. Without the state in the index every one of them is a row lookup — at a million
// cases 35,000 per request for a district's clerks, seconds on a loaded machine (benchmark 4). With
// the state last in the index the same walk reads the index alone; the order (due_at, id) and so the
// plain ?type= filter stay as they were, and no index is added (benchmark 1's writes).
import { QUERY_INDEXES } from '../models.js';
import type { Migration } from './context.js';

export const inboxTypeState: Migration = {
  name: '0003-inbox-type-state',
  async up(ctx) {
    for (const { table, name, fields } of QUERY_INDEXES.filter((i) => i.name === 'tasks_inbox_district_type' || i.name === 'tasks_inbox_org_type')) {
      await ctx.run(`DROP INDEX IF EXISTS ${name}`);
      await ctx.run(`CREATE INDEX ${name} ON ${table} (${fields.join(', ')})`, { long: true });
    }
  },
};
