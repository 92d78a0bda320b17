// Path coverage for the simulator: every simple path (no state twice) from the initial state to an
// end of the case, walked on the real machine with the sample data by @xstate/graph, and said in
// Chinese by state and decision titles. A final state no walked path reaches is listed too: with
// this data a guard keeps it closed, or nothing leads there.
import { getSimplePaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import { buildMachine, type TypeBundle } from '../registry/index.js';
import { activeLeaves, stateTitle } from '../runtime/states.js';
import { collectStates, titleOf } from '../registry/lint-workflow.js';

export interface PathStep { event: string; eventTitle: string; state: string; stateTitle: string }
export interface WalkedPath { steps: PathStep[]; end: string; endTitle: string }
export interface PathCoverage {
  paths: WalkedPath[];
  ends: Array<{ state: string; title: string; walked: boolean }>;
  /** The machine has more paths than the simulator walks (the list is then partial). */
  truncated: boolean;
}

/** Traversals @xstate/graph may make before it gives up: enough for any form a person reads. */
const LIMIT = 5000;
const MAX_PATHS = 200;

export function pathCoverage(bundle: Pick<TypeBundle, 'id' | 'workflow' | 'settings'>, data: unknown): PathCoverage {
  const machine = buildMachine(bundle);
  const states = collectStates(bundle.workflow as never);
  const eventTitles = new Map<string, string>();
  for (const s of states) {
    const tasks = (s.node.meta as { tasks?: Array<{ events?: Record<string, { title?: string }> }> } | undefined)?.tasks ?? [];
    for (const t of tasks) for (const [ev, def] of Object.entries(t.events ?? {})) if (def?.title && !eventTitles.has(ev)) eventTitles.set(ev, def.title);
  }
  const titleOfEvent = (ev: string) => (ev.startsWith('xstate.after.') ? '期限届满（自动）' : eventTitles.get(ev) ?? ev);
  // Every event the active states handle, timers included, each carrying the sample data as the
  // runtime's events do (guards read it).
  const events = (snap: AnyMachineSnapshot) => [...new Set([...snap._nodes].flatMap((n) => n.ownEvents))]
    .filter((type) => !type.startsWith('xstate.') || type.startsWith('xstate.after.'))
    .map((type) => ({ type, $data: data, $decision: {}, $flags: [] }));

  let truncated = false;
  let found: ReturnType<typeof getSimplePaths> = [];
  try {
    found = getSimplePaths(machine, {
      events: events as never, limit: LIMIT,
      serializeState: (s) => JSON.stringify([(s as AnyMachineSnapshot).value, (s as AnyMachineSnapshot).historyValue && Object.fromEntries(
        Object.entries((s as AnyMachineSnapshot).historyValue).map(([k, v]) => [k, (v as Array<{ id: string }>).map((n) => n.id)]))]),
    });
  } catch {
    truncated = true; // the traversal limit was reached: the machine has too many paths to list
  }
  const finals = found.filter((p) => (p.state as AnyMachineSnapshot).status === 'done');
  if (finals.length > MAX_PATHS) truncated = true;
  const paths = finals.slice(0, MAX_PATHS).map((p): WalkedPath => {
    const leaves = activeLeaves((p.state as AnyMachineSnapshot).value);
    return {
      steps: p.steps.filter((s) => s.event.type !== 'xstate.init').map((s) => {
        const l = activeLeaves((s.state as AnyMachineSnapshot).value);
        return { event: s.event.type, eventTitle: titleOfEvent(s.event.type), state: l.join(','), stateTitle: stateTitle(bundle.workflow, l) };
      }),
      end: leaves.join(','), endTitle: stateTitle(bundle.workflow, leaves),
    };
  });
  const ends = states.filter((s) => s.parent === states[0] && s.node.type === 'final')
    .map((s) => ({ state: s.path.join('.'), title: titleOf(s), walked: paths.some((p) => p.end === s.path.join('.')) }));
  return { paths, ends, truncated };
}
