// After a crash, a database outage or a second server: does the database tell one coherent story?
// Every answered request is there, and every case agrees with itself — its state is the last logged
// toState, its event log is a contiguous chain, its open tasks are exactly those of its active
// states, its pending timers exactly the `after` delays of its active states, and business numbers
// are unique and never behind their counter. Read in bulk: a crash test leaves hundreds of cases.
import { expect } from 'vitest';
import type { Database } from '../../engine/db/index.js';

/** A request the server answered 2xx: a transition (the case, its event and the state it answered), a draft edit (a top-level field and its value) or an upload. */
export type Ack =
  | { kind: 'event'; caseId: number; event: string; state: string }
  | { kind: 'edit'; caseId: number; field: string; value: unknown }
  | { kind: 'file'; id: string };

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows are read ad hoc
type StateNode = { states?: Record<string, StateNode>; meta?: { tasks?: Array<{ name: string; assignees?: string }> }; after?: Record<string, unknown>; type?: string };

const nodeAt = (workflow: StateNode, path: string) => path.split('.').reduce<StateNode | undefined>((n, k) => n?.states?.[k], workflow);
const activePaths = (state: string) => [...new Set(state.split(',').flatMap((leaf) => {
  const parts = leaf.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}))];
const groupBy = (rows: Row[], key: string) => {
  const m = new Map<unknown, Row[]>();
  for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
  return m;
};

export interface ConsistencyReport { cases: number; events: number; openTasks: number; pendingTimers: number }

export async function checkConsistency(database: Database, acks: Ack[] = []): Promise<ConsistencyReport> {
  const { Case, CaseEvent, Task, Timer, TypeVersion, File, Sequence } = database.models;
  const [cases, events, openTasks, pendingTimers, versions] = await Promise.all([
    Case.findAll({ attributes: ['id', 'number', 'typeId', 'typeVersion', 'state', 'status'], raw: true }),
    CaseEvent.findAll({ attributes: ['caseId', 'seq', 'event', 'fromState', 'toState'], order: [['caseId', 'ASC'], ['seq', 'ASC']], raw: true }),
    Task.findAll({ where: { status: 'open' }, attributes: ['id', 'caseId', 'state', 'name'], raw: true }),
    Timer.findAll({ where: { status: 'pending' }, attributes: ['id', 'caseId'], raw: true }),
    TypeVersion.findAll({ attributes: ['typeId', 'version', 'definition'], raw: true }),
  ]);
  const workflows = new Map(versions.map((v) => {
    const def = typeof v.definition === 'string' ? JSON.parse(v.definition) : v.definition;
    return [`${v.typeId}@${v.version}`, def.workflow as StateNode];
  }));
  const byId = new Map(cases.map((c) => [c.id as number, c]));
  const log = groupBy(events, 'caseId');
  const tasks = groupBy(openTasks, 'caseId');
  const timers = groupBy(pendingTimers, 'caseId');

  // Every answered transition is logged with the state it answered; every answered upload is stored.
  const edits = acks.filter((a): a is Extract<Ack, { kind: 'edit' }> => a.kind === 'edit');
  const editedRows = edits.length ? await Case.findAll({ where: { id: [...new Set(edits.map((e) => e.caseId))] }, attributes: ['id', 'data'], raw: true }) : [];
  const edited = new Map(editedRows.map((c) => [c.id as number, (typeof c.data === 'string' ? JSON.parse(c.data) : c.data) as Row]));
  for (const e of edits) expect(edited.get(e.caseId)?.[e.field], `answered edit of case ${e.caseId} is saved`).toEqual(e.value);
  for (const a of acks) {
    if (a.kind !== 'event') continue;
    expect(byId.has(a.caseId), `answered case ${a.caseId} exists`).toBe(true);
    // The answer is the case as read just after the commit: someone else (a clerk, a timer) may
    // already have moved it on, so the answered state is this event's toState or a later one.
    const chain = log.get(a.caseId) ?? [];
    const at = chain.findIndex((e) => e.event === a.event && chain.slice(chain.indexOf(e)).some((x) => x.toState === a.state));
    expect(at, `answered ${a.event} → ${a.state} of case ${a.caseId} is in its event log`).toBeGreaterThanOrEqual(0);
  }
  const fileIds = acks.filter((a): a is Extract<Ack, { kind: 'file' }> => a.kind === 'file').map((a) => a.id);
  if (fileIds.length) {
    const stored = new Set((await File.findAll({ where: { id: fileIds }, attributes: ['id'], raw: true })).map((f) => f.id));
    for (const id of fileIds) expect(stored.has(id), `answered upload ${id} is stored`).toBe(true);
  }

  // Business numbers: unique, and no counter behind a number it already handed out (a reuse after restart).
  expect(new Set(cases.map((c) => c.number)).size, 'business numbers are unique').toBe(cases.length);
  const counters = new Map((await Sequence.findAll({ raw: true })).map((s) => [s.name as string, Number(s.value)]));
  for (const c of cases) {
    const m = /^(.*)-(\d+)$/.exec(c.number as string);
    if (m) expect(counters.get(m[1]) ?? 0, `counter ${m[1]} has passed ${c.number}`).toBeGreaterThanOrEqual(Number(m[2]));
  }

  for (const c of cases) {
    const chain = log.get(c.id) ?? [];
    const where = `case ${c.id} (${c.number}, ${c.state})`;
    expect(chain.map((e) => Number(e.seq)), `${where}: event log seq is 1..n`).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0]?.event, `${where}: the log starts with CREATE`).toBe('CREATE');
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].fromState, `${where}: event ${i + 1} starts where event ${i} ended`).toBe(chain[i - 1].toState);
    }
    expect(chain.at(-1)?.toState, `${where}: state is the last logged toState`).toBe(c.state);

    const workflow = workflows.get(`${c.typeId}@${c.typeVersion}`);
    expect(workflow, `${where}: its type version exists`).toBeTruthy();
    const paths = activePaths(c.state as string);
    const open = (tasks.get(c.id) ?? []).map((t) => `${t.state}/${t.name}`).sort();
    const pending = (timers.get(c.id) ?? []).length;
    if (c.status === 'closed') {
      expect(open, `${where}: a closed case has no open tasks`).toEqual([]);
      expect(pending, `${where}: a closed case has no pending timers`).toBe(0);
      continue;
    }
    const expectedTasks: string[] = [];
    let countersign = false;
    let delays = 0;
    for (const p of paths) {
      const node = nodeAt(workflow!, p);
      for (const t of node?.meta?.tasks ?? []) {
        if (t.assignees) countersign = true;
        else expectedTasks.push(`${p}/${t.name}`);
      }
      delays += Object.keys(node?.after ?? {}).length;
    }
    for (const t of open) expect(paths, `${where}: open task ${t} belongs to an active state`).toContain(t.split('/')[0]);
    if (!countersign) expect(open, `${where}: open tasks are exactly those of its active states`).toEqual(expectedTasks.sort());
    expect(pending, `${where}: pending timers are exactly the delays of its active states`).toBe(delays);
  }
  return { cases: cases.length, events: events.length, openTasks: openTasks.length, pendingTimers: pendingTimers.length };
}
