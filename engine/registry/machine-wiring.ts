// Wires the vocabulary into a workflow config before XState builds the machine:
// - every guard becomes a guard object whose `check` XState calls with the snapshot, so a guard
//   sees the active state (stateIn) besides the data, the decision and the flags — XState passes
//   the snapshot only to `check`-style guards, and passes their params to no one, hence the
//   params are closed over here rather than looked up by name;
// - every pure action (setData, setFlag, aggregateNumbers …) is preceded by an `assign` doing the
//   same to the machine context, so the guards later in the same macrostep (an `always` after a
//   setData) see the data after the step's own actions. The action itself stays in the list: the
//   runtime runs it (in order, with the effects) inside the database transaction.
// The context holds only what the actions of one macrostep wrote; the runtime persists snapshots
// without it (persistSnapshot in machine.ts), so the next event starts from the case row again.
import { assign } from 'xstate';
import { statePaths } from '../expression/index.js';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';
import { GUARD_ENTRIES } from '../vocabulary/guards/index.js';
import type { Flag, GuardScope } from '../vocabulary/entry.js';

export interface MachineContext { $data?: Record<string, unknown>; $flags?: Flag[] }
export interface EngineEvent {
  type: string;
  $data?: unknown;
  $decision?: unknown;
  $flags?: Flag[] | Array<{ code: string }>;
  /** ISO time of the transition: what setData { now: true } writes. */
  $now?: string;
}

type Node = Record<string, unknown>;
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Active leaf paths of a state value: { review: { legal: 'open' } } → ['review.legal.open']. */
function leaves(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  if (!isObj(value)) return [];
  const out = Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  return out.length ? out : prefix.length ? [prefix.join('.')] : [];
}

function scopeOf(value: unknown, context: MachineContext, event: EngineEvent): GuardScope {
  return {
    data: context.$data ?? event.$data ?? {},
    decision: event.$decision ?? {},
    flags: (context.$flags ?? event.$flags ?? []).map((f) => f.code),
    state: statePaths(leaves(value)),
    now: event.$now ?? new Date().toISOString(),
  };
}

function wireGuard(guard: unknown): unknown {
  const name = typeof guard === 'string' ? guard : isObj(guard) ? guard.type : undefined;
  const entry = typeof name === 'string' ? GUARD_ENTRIES[name] : undefined;
  if (!entry) return guard; // not in the vocabulary: the check refuses it before it gets here
  const params = (isObj(guard) && guard.params) || {};
  const check = (snapshot: { value: unknown }, args: { context: MachineContext; event: EngineEvent }) =>
    entry.test(scopeOf(snapshot.value, args.context ?? {}, args.event), params as never);
  return Object.assign(() => { throw new Error('guards are judged through check'); }, { check });
}

function wireActions(list: unknown): unknown {
  if (list === undefined) return list;
  return (Array.isArray(list) ? list : [list]).flatMap((item) => {
    const name = typeof item === 'string' ? item : isObj(item) ? item.type : undefined;
    const entry = typeof name === 'string' ? ACTION_ENTRIES[name] : undefined;
    if (!entry?.apply) return [item];
    const apply = entry.apply;
    const params = (isObj(item) && item.params) || {};
    const mirror = assign(({ context, event }: { context: MachineContext; event: EngineEvent }) => {
      const next = apply({
        data: context.$data ?? (event.$data as Record<string, unknown> | undefined) ?? {},
        flags: context.$flags ?? (event.$flags as Flag[] | undefined) ?? [],
        decision: (event.$decision as Record<string, unknown> | undefined) ?? {},
        now: event.$now ?? new Date().toISOString(),
      }, params as never);
      return { $data: next.data, $flags: next.flags };
    });
    return [mirror, item];
  });
}

function wireTransitions(t: unknown): unknown {
  if (Array.isArray(t)) return t.map(wireTransitions);
  if (!isObj(t)) return t;
  const out: Node = { ...t };
  if (t.guard !== undefined) out.guard = wireGuard(t.guard);
  if (t.actions !== undefined) out.actions = wireActions(t.actions);
  return out;
}

const mapValues = (o: unknown, f: (v: unknown) => unknown) => (isObj(o) ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) : o);

/** A copy of a state node (and its children) with the vocabulary's guards and actions wired in. */
export function wireState(node: unknown): unknown {
  if (!isObj(node)) return node;
  const out: Node = { ...node };
  if (node.entry !== undefined) out.entry = wireActions(node.entry);
  if (node.exit !== undefined) out.exit = wireActions(node.exit);
  for (const k of ['always', 'onDone', 'onError'] as const) if (node[k] !== undefined) out[k] = wireTransitions(node[k]);
  for (const k of ['on', 'after'] as const) if (node[k] !== undefined) out[k] = mapValues(node[k], wireTransitions);
  if (node.states !== undefined) out.states = mapValues(node.states, wireState);
  return out;
}
