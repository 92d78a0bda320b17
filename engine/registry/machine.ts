// Turns a workflow definition into an XState machine. Guards are pure predicates over the event,
// which the runtime enriches with the case data ($data), the decision data ($decision) and the
// case flags ($flags). Actions are no-ops here: the runtime reads them from the pure transition
// result and executes them inside the database transaction.
import { createActor, setup, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { ACTIONS, GUARDS } from './vocabulary.js';
import { getPointer } from './pointer.js';
import { isDataDelay, parseDuration, resolveDelay } from './durations.js';
import type { TypeBundle } from './types.js';

export interface EngineEvent {
  type: string;
  $data?: unknown;
  $decision?: unknown;
  $flags?: Array<{ code: string }>;
}

type GuardFn = (args: { event: EngineEvent }, params: Record<string, unknown>) => boolean;

const guardImpl: Record<keyof typeof GUARDS, GuardFn> = {
  dataEquals: ({ event }, p) => getPointer(event.$data, p.path as string) === p.value,
  dataPresent: ({ event }, p) => {
    const v = getPointer(event.$data, p.path as string);
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  },
  decisionEquals: ({ event }, p) => getPointer(event.$decision, p.path as string) === p.value,
  hasFlag: ({ event }, p) => (event.$flags ?? []).some((f) => f.code === p.code),
};

export function buildMachine(bundle: Pick<TypeBundle, 'id' | 'workflow' | 'settings'>): AnyStateMachine {
  // A delay is a fixed duration, or read from the data of the event that entered the state
  // (every engine event carries the case data), e.g. a plan's own frequency.
  const delays: Record<string, number | ((args: { event: EngineEvent }) => number)> = {};
  for (const [name, value] of Object.entries(bundle.settings?.delays ?? {})) {
    if (isDataDelay(value)) delays[name] = ({ event }) => resolveDelay(value, event.$data, getPointer) ?? 86_400_000;
    else {
      const ms = parseDuration(value);
      if (ms !== null) delays[name] = ms;
    }
  }
  const actions = Object.fromEntries(Object.keys(ACTIONS).map((name) => [name, () => undefined]));
  const config = { ...bundle.workflow, id: bundle.workflow.id ?? bundle.id, context: {} };
  // setup()'s generics cannot see names that only exist at run time; the lint checks them instead.
  return setup({ guards: guardImpl as never, actions: actions as never, delays }).createMachine(config as never) as unknown as AnyStateMachine;
}

/**
 * A snapshot as read back from the database (plain JSON) turned into a live one. History values
 * are stored as state ids; `machine.resolveState()` keeps them as such (a later transition into a
 * history state then fails), while an actor created from the snapshot revives them as state nodes
 * (and keeps the stored status). The actor is never started: no action runs, the caller still
 * computes the pure `transition()` inside its database transaction.
 */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  return createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
}
