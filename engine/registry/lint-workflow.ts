// The workflow check: every name is in the vocabulary, every target exists, every state can be
// reached, every state can still reach the end, and every event has someone who can send it.
//
// Why this walks the config instead of running @xstate/graph: guards read case data the check does
// not have (a traversal with one sample of data would call the other branch "unreachable"), and
// delayed and eventless transitions would need every timer fired in every order. So the graph here
// is XState's structure read as "may happen": a guarded transition may be taken, a timer may fire,
// a history state may restore any child of its parent. Entering a compound state enters its
// initial child, a parallel state all its regions; a transition of an ancestor is available in
// every descendant; `onDone` fires once a final child (compound) or a final state in every region
// (parallel) is reached. The simulator runs the real machine (see engine/admin/simulate.ts).
import type Ajv from 'ajv';
import { SCOPES, taskRoles } from './vocabulary.js';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';
import { GUARD_ENTRIES } from '../vocabulary/guards/index.js';
import { schemaHasPath } from '../vocabulary/known-fields.js';
import type { EntryCheckContext } from '../vocabulary/entry.js';
import { parseDuration } from './durations.js';
import type { Roles, TaskDef, TypeBundle, WorkflowFix } from './types.js';

type Node = Record<string, unknown>;
export interface WorkflowLintContext { ajv: Ajv; decisionForms: Record<string, object>; registers: Record<string, unknown>; roles: Roles }
export type AddProblem = (path: string, message: string, fix?: WorkflowFix) => void;

export interface StateInfo { path: string[]; jsonPath: string; node: Node; parent?: StateInfo; children: StateInfo[] }

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
/** What the HTTP API accepts as an event name (POST /api/cases/:id/events, /api/tasks/:id/complete). */
const EVENT_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
/** An event name as the API accepts it: "nextStep" → NEXT_STEP, "go.back" → GO_BACK. */
export const eventName = (ev: string) => {
  const up = ev.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return (/^[A-Z]/.test(up) ? up : `E_${up}`).slice(0, 64);
};

export function collectStates(workflow: Node): StateInfo[] {
  const all: StateInfo[] = [];
  const walk = (node: Node, path: string[], jsonPath: string, parent?: StateInfo) => {
    const info: StateInfo = { path, jsonPath, node, parent, children: [] };
    all.push(info);
    parent?.children.push(info);
    if (isObj(node.states)) {
      for (const [key, child] of Object.entries(node.states)) walk(isObj(child) ? child : {}, [...path, key], `${jsonPath}/states/${esc(key)}`, info);
    }
  };
  walk(workflow, [], '');
  return all;
}

/** A state as an administrator knows it: its title, else its path. */
const hasTitle = (s: StateInfo) => isObj(s.node.meta) && typeof s.node.meta.title === 'string' && s.node.meta.title.trim() !== '';
export const titleOf = (s: StateInfo) => (hasTitle(s) ? String((s.node.meta as Node).title) : s.path.join('.'));
const ancestry = (s: StateInfo) => { const out: StateInfo[] = []; for (let a: StateInfo | undefined = s; a; a = a.parent) out.push(a); return out; };
const isHistory = (s: StateInfo) => s.node.type === 'history';
const isFinal = (s: StateInfo) => s.node.type === 'final';

export function lintWorkflow(bundle: TypeBundle, ctx: WorkflowLintContext, add: AddProblem) {
  const wf = bundle.workflow as unknown as Node;
  if (!isObj(wf) || !isObj(wf.states)) return add('', 'the workflow needs "states"');
  const states = collectStates(wf);
  const byPath = new Map(states.map((s) => [s.path.join('.'), s]));
  const byId = new Map(states.filter((s) => typeof s.node.id === 'string').map((s) => [s.node.id as string, s]));
  const delays = bundle.settings?.delays ?? {};

  const resolve = (from: StateInfo, target: string): StateInfo | undefined => {
    if (target.startsWith('#')) {
      const [id, ...rest] = target.slice(1).split('.');
      const base = id === (wf.id ?? bundle.id) ? states[0] : byId.get(id);
      return base && byPath.get([...base.path, ...rest].filter(Boolean).join('.'));
    }
    if (target.startsWith('.')) return byPath.get([...from.path, ...target.slice(1).split('.')].join('.'));
    return byPath.get([...(from.parent ? from.parent.path : []), ...target.split('.')].join('.'));
  };

  // Targets of a state's own transitions (on, always, after), and of its onDone, kept apart.
  const edges = new Map<StateInfo, StateInfo[]>();
  const doneEdges = new Map<StateInfo, StateInfo[]>();
  // Expression guards name fields of the form or of the workflow's decision forms, and states.
  const decisionForms = Object.values(ctx.decisionForms);
  const entryCtx: EntryCheckContext = {
    registers: ctx.registers,
    knownField: (root, dotted) => (root === 'data' ? schemaHasPath(bundle.schema, dotted) : decisionForms.some((f) => schemaHasPath(f, dotted))),
    knownState: (path) => byPath.has(path),
  };
  const checkNamed = (value: unknown, path: string, kind: 'action' | 'guard') => {
    const list = kind === 'action' ? (Array.isArray(value) ? value : [value]) : [value];
    list.forEach((item, i) => {
      const p = kind === 'action' && Array.isArray(value) ? `${path}/${i}` : path;
      const name = typeof item === 'string' ? item : isObj(item) ? item.type : undefined;
      const entry = typeof name !== 'string' ? undefined : kind === 'action' ? ACTION_ENTRIES[name] : GUARD_ENTRIES[name];
      if (!entry) return add(p, `unknown ${kind} "${String(name)}"`);
      const params = isObj(item) ? item.params ?? {} : {};
      if (!ctx.ajv.validate(entry.params as object, params)) return add(`${p}/params`, ctx.ajv.errorsText(ctx.ajv.errors));
      const register = 'register' in entry ? entry.register?.(params as never) : undefined;
      if (register !== undefined && !(register in ctx.registers)) add(`${p}/params/register`, `unknown register "${register}"`);
      if ('check' in entry) for (const x of entry.check?.(params as never, entryCtx) ?? []) add(`${p}/params${x.path}`, x.message);
    });
  };
  const checkTransitions = (s: StateInfo, list: unknown, path: string, into: Map<StateInfo, StateInfo[]>) => {
    const arr = Array.isArray(list) ? list : [list];
    arr.forEach((t, i) => {
      const p = Array.isArray(list) ? `${path}/${i}` : path;
      const tr = typeof t === 'string' ? { target: t } : isObj(t) ? t : null;
      if (!tr) return add(p, 'a transition must be a target string or an object');
      const targets = tr.target === undefined ? [] : Array.isArray(tr.target) ? tr.target : [tr.target];
      for (const target of targets) {
        const resolved = typeof target === 'string' ? resolve(s, target) : undefined;
        if (!resolved) add(`${p}/target`, `unknown target state "${String(target)}"`);
        else into.set(s, [...(into.get(s) ?? []), resolved]);
      }
      if (tr.actions !== undefined) checkNamed(tr.actions, `${p}/actions`, 'action');
      if (tr.guard !== undefined) checkNamed(tr.guard, `${p}/guard`, 'guard');
    });
  };

  for (const s of states) {
    const { node, jsonPath } = s;
    if (isObj(node.states) && node.type !== 'parallel' && !(typeof node.initial === 'string' && node.initial in node.states)) {
      add(`${jsonPath}/initial`, `initial state "${String(node.initial)}" does not exist`);
    }
    if (isHistory(s) && (!s.parent || s.parent.children.length < 2)) add(jsonPath, `历史状态「${s.path.join('.')}」须放在有其他子环节的环节里`);
    for (const k of ['entry', 'exit'] as const) if (node[k] !== undefined) checkNamed(node[k], `${jsonPath}/${k}`, 'action');
    if (node.invoke !== undefined) add(`${jsonPath}/invoke`, 'invoked actors are not part of the vocabulary');
    if (isObj(node.on)) for (const [ev, t] of Object.entries(node.on)) checkTransitions(s, t, `${jsonPath}/on/${esc(ev)}`, edges);
    if (node.always !== undefined) checkTransitions(s, node.always, `${jsonPath}/always`, edges);
    if (node.onDone !== undefined) checkTransitions(s, node.onDone, `${jsonPath}/onDone`, doneEdges);
    if (isObj(node.after)) {
      for (const [delay, t] of Object.entries(node.after)) {
        if (!/^\d+$/.test(delay) && !(delay in delays)) add(`${jsonPath}/after/${esc(delay)}`, `unknown delay "${delay}" (declare it in settings.delays)`);
        checkTransitions(s, t, `${jsonPath}/after/${esc(delay)}`, edges);
      }
    }
    lintTasks(s, ctx, add, delays);
  }
  const reached = reachable(states, edges, doneEdges);
  for (const s of states.slice(1)) if (!reached.has(s)) add(s.jsonPath, `state "${s.path.join('.')}" can never be reached`);
  checkCanFinish(states, reached, edges, doneEdges, add);
  // People see a case's state by its title: every state a case can rest in needs one.
  for (const s of states) {
    if (s.children.length || isHistory(s) || !reached.has(s) || hasTitle(s)) continue;
    add(s.jsonPath, `环节「${s.path.join('.')}」没有名称：请在 meta.title 中填写办理人看得懂的中文名称`, { kind: 'addTitles' });
  }
  checkSenders(states, reached, add);
}

/** The states a case can ever be in, from the initial state, as a fixpoint. */
function reachable(states: StateInfo[], edges: Map<StateInfo, StateInfo[]>, doneEdges: Map<StateInfo, StateInfo[]>): Set<StateInfo> {
  const reached = new Set<StateInfo>();
  const enter = (s: StateInfo) => {
    for (const a of ancestry(s)) reached.add(a);
    // A history state restores a child of its parent, or enters the parent by default.
    const into = isHistory(s) ? s.parent! : s;
    if (into.node.type === 'parallel') into.children.forEach((c) => !reached.has(c) && enter(c));
    else if (typeof into.node.initial === 'string') {
      const child = into.children.find((c) => c.path[c.path.length - 1] === into.node.initial);
      if (child && !reached.has(child)) enter(child);
    }
  };
  enter(states[0]);
  for (let grew = true; grew;) {
    const before = reached.size;
    for (const s of [...reached]) {
      for (const t of edges.get(s) ?? []) if (!reached.has(t)) enter(t);
      if (doneEdges.has(s) && completes(s, (c) => reached.has(c))) for (const t of doneEdges.get(s)!) if (!reached.has(t)) enter(t);
    }
    grew = reached.size > before;
  }
  return reached;
}

/** Whether a compound state can be done (a final child passes `ok`), or a parallel one (every region). */
function completes(s: StateInfo, ok: (final: StateInfo) => boolean): boolean {
  if (s.node.type === 'parallel') return s.children.length > 0 && s.children.every((r) => completes(r, ok));
  return s.children.some((c) => isFinal(c) && ok(c));
}

/**
 * Every reachable state can still reach the end of the case (a final state of the machine).
 * A state with no transition at all is refused in every machine.
 * Computed backwards: a state finishes when a transition available in it (its own or an
 * ancestor's) enters a finishing state, or when it is final and that completes a parent whose
 * onDone leads to a finishing state.
 */
function checkCanFinish(states: StateInfo[], reached: Set<StateInfo>, edges: Map<StateInfo, StateInfo[]>, doneEdges: Map<StateInfo, StateInfo[]>, add: AddProblem) {
  const fin = new Set<StateInfo>();
  const finishesOnEntry = (t: StateInfo): boolean => {
    const into = isHistory(t) ? t.parent! : t;
    if (into.children.length === 0) return fin.has(into);
    // Entering a compound state enters its initial child; a history state may restore any child.
    if (isHistory(t)) return into.children.some((c) => !isHistory(c) && finishesOnEntry(c));
    if (into.node.type === 'parallel') return into.children.some((c) => finishesOnEntry(c));
    const child = into.children.find((c) => c.path[c.path.length - 1] === into.node.initial);
    return child ? finishesOnEntry(child) : false;
  };
  const leaves = states.filter((s) => s.children.length === 0 && !isHistory(s));
  for (let grew = true; grew;) {
    grew = false;
    for (const s of leaves) {
      if (fin.has(s)) continue;
      let ok = isFinal(s) && s.parent === states[0];
      for (const a of ancestry(s)) if (!ok) ok = (edges.get(a) ?? []).some(finishesOnEntry);
      // A final state completes its parent; in a parallel region, the parallel state once every
      // region is final (assumed possible: each region is checked on its own).
      const p = s.parent;
      if (!ok && isFinal(s) && p && p !== states[0]) {
        ok = (doneEdges.get(p) ?? []).some(finishesOnEntry)
          || (p.parent?.node.type === 'parallel' && (doneEdges.get(p.parent) ?? []).some(finishesOnEntry));
      }
      if (ok) { fin.add(s); grew = true; }
    }
  }
  // A machine without a final state is a standing record (a news item published and withdrawn
  // again and again): it never ends by design, so only dead ends are refused.
  const endless = !states[0].children.some(isFinal);
  for (const s of leaves) {
    if (!reached.has(s) || fin.has(s) || isFinal(s)) continue;
    const exits = ancestry(s).some((a) => (edges.get(a)?.length ?? 0) > 0);
    if (exits && endless) continue;
    add(s.jsonPath, exits ? `「${titleOf(s)}」之后的环节都无法走到办结：案件会永远停在流程中` : `state "${s.path.join('.')}" is not final and has no way out`);
  }
}

/**
 * Every event a state waits for must be sendable: a task active in that state (its own, an
 * ancestor's or a descendant's) offers it. Timers (`after`) and `always` need nobody.
 */
function checkSenders(states: StateInfo[], reached: Set<StateInfo>, add: AddProblem) {
  const offered = (s: StateInfo) => {
    const taskEvents = (x: StateInfo) => (isObj(x.node.meta) && Array.isArray(x.node.meta.tasks) ? (x.node.meta.tasks as TaskDef[]) : [])
      .flatMap((t) => (isObj(t) && isObj(t.events) ? Object.keys(t.events) : []));
    const below = (x: StateInfo): StateInfo[] => [x, ...x.children.flatMap(below)];
    // The root's own tasks are never opened (a case is never "in" the root alone).
    return new Set([...ancestry(s).filter((a) => a !== states[0]), ...below(s)].flatMap(taskEvents));
  };
  for (const s of states) {
    if (!reached.has(s) || !isObj(s.node.on)) continue;
    const have = offered(s);
    for (const ev of Object.keys(s.node.on)) {
      if (ev.startsWith('xstate.')) continue;
      if (!EVENT_NAME.test(ev)) {
        const to = eventName(ev);
        add(`${s.jsonPath}/on/${esc(ev)}`, `「${titleOf(s)}」的事件 ${ev} 不能由待办发出：事件名须为大写英文字母、数字和下划线（例如 ${to}）`, { kind: 'renameEvent', from: ev, to });
        continue;
      }
      if (have.has(ev)) continue;
      const where = s === states[0] ? '流程' : `「${titleOf(s)}」`;
      add(`${s.jsonPath}/on/${esc(ev)}`, `${where}的事件 ${ev} 没有办理人：没有任何待办提供这个决定`, s === states[0] ? undefined : { kind: 'addTask', state: s.path.join('.'), event: ev });
    }
  }
}

function lintTasks(s: StateInfo, ctx: WorkflowLintContext, add: AddProblem, delays: Record<string, unknown>) {
  const meta = s.node.meta;
  if (meta === undefined) return;
  if (!isObj(meta)) return add(`${s.jsonPath}/meta`, 'meta must be an object');
  if (meta.tasks === undefined) return;
  if (!Array.isArray(meta.tasks)) return add(`${s.jsonPath}/meta/tasks`, 'tasks must be an array');
  const handled = new Set<string>();
  for (const a of ancestry(s)) if (isObj(a.node.on)) Object.keys(a.node.on).forEach((e) => handled.add(e));
  (meta.tasks as TaskDef[]).forEach((task, i) => {
    const p = `${s.jsonPath}/meta/tasks/${i}`;
    if (!isObj(task)) return add(p, 'a task must be an object');
    if (typeof task.name !== 'string' || !task.name) add(`${p}/name`, 'a task needs a name');
    if (typeof task.title !== 'string' || !task.title) add(`${p}/title`, 'a task needs a title');
    if (!task.role) add(`${p}/role`, 'a task needs a role');
    else if (!(task.role in taskRoles(ctx.roles))) add(`${p}/role`, `unknown role "${task.role}"`);
    if (!(task.scope in SCOPES)) add(`${p}/scope`, `unknown scope "${String(task.scope)}"`);
    if (task.due !== undefined && !(task.due in delays) && parseDuration(task.due) === null) add(`${p}/due`, `"${task.due}" is not a duration or a delay name`);
    if (!isObj(task.events) || Object.keys(task.events).length === 0) return add(`${p}/events`, 'a task needs at least one event');
    for (const [ev, def] of Object.entries(task.events)) {
      const ep = `${p}/events/${esc(ev)}`;
      if (!handled.has(ev)) add(ep, `event "${ev}" is not handled in this state`);
      if (!isObj(def) || typeof def.title !== 'string') add(ep, 'an event needs a title');
      else if (def.form !== undefined && !(def.form in ctx.decisionForms)) add(`${ep}/form`, `unknown decision form "${def.form}"`);
    }
  });
}
