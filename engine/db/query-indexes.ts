// The indexes of the hot reads, named for the queries they serve: a table's own indexes stay in
// ./schema.ts beside its columns; these are shaped by the inbox's and the case lists' queries.

/**
 * Indexes the inbox and the case lists are ordered and scoped by (engine/runtime/tasks.ts, views.ts,
 * access.ts): each branch of the visibility / inbox scope walks one of them in page order and stops
 * after the page. Declared on the models (sync creates them with new tables) and created with
 * CREATE INDEX IF NOT EXISTS by migration 0001 for databases that predate them.
 */
export const QUERY_INDEXES: ReadonlyArray<{ table: string; name: string; fields: string[] }> = [
  // inbox branches: role + district scope, and applicant / org scope by organisation; due_at, id = the inbox order
  { table: 'tasks', name: 'tasks_inbox_district', fields: ['status', 'role', 'scope', 'district', 'due_at', 'id'] },
  { table: 'tasks', name: 'tasks_inbox_org', fields: ['status', 'role', 'org_id', 'due_at', 'id'] },
  // the same branches filtered by the case's type (?type=): still an index range in inbox order;
  // the state last, so ?type=&state= tests it in the index, not in each task's row (migration 0003)
  { table: 'tasks', name: 'tasks_inbox_district_type', fields: ['status', 'role', 'scope', 'district', 'type_id', 'due_at', 'id', 'state'] },
  { table: 'tasks', name: 'tasks_inbox_org_type', fields: ['status', 'role', 'org_id', 'type_id', 'due_at', 'id', 'state'] },
  // "has or had a task on the case" (case visibility): assignee_id is served by tasks (assignee_id, status)
  { table: 'tasks', name: 'tasks_completed_by', fields: ['completed_by', 'case_id'] },
  { table: 'tasks', name: 'tasks_org_id_role', fields: ['org_id', 'role', 'case_id'] },
  // case lists, newest first: the department's district, the applicant's organisation, everything (admin)
  { table: 'cases', name: 'cases_district_updated', fields: ['district', 'updated_at', 'id'] },
  { table: 'cases', name: 'cases_org_id_updated', fields: ['org_id', 'updated_at', 'id'] },
  { table: 'cases', name: 'cases_updated', fields: ['updated_at', 'id'] },
];
