// Turns a workflow definition into an XState machine. Guards are predicates over the case data
// ($data of the event, or what this step's actions wrote), the decision ($decision), the flags and
// the active state; the vocabulary is wired in by machine-wiring.ts. Actions are no-ops here: the
// runtime reads them from the pure transition result and executes them inside the database
// transaction.
import { setup, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';
import { getPointer } from './pointer.js';
import { isDataDelay, parseDuration, resolveDelay } from './durations.js';
import { wireState, type EngineEvent, type MachineContext } from './machine-wiring.js';
import type { TypeBundle } from './types.js';

export type { EngineEvent, MachineContext };

/** The snapshot to store: without the context, which holds only what one macrostep's actions wrote. */
export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  return { ...(machine.getPersistedSnapshot(snapshot) as object), context: {} };
}

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
  const actions = Object.fromEntries(Object.keys(ACTION_ENTRIES).map((name) => [name, () => undefined]));
  // The context starts from the input (a new case's data) so entry actions of the initial state see it.
  const context = ({ input }: { input?: MachineContext }) => ({ ...(input ?? {}) });
  const config = { ...(wireState(bundle.workflow) as object), id: bundle.workflow.id ?? bundle.id, context };
  // setup()'s generics cannot see names that only exist at run time; the lint checks them instead.
  return setup({ actions: actions as never, delays }).createMachine(config as never) as unknown as AnyStateMachine;
}
