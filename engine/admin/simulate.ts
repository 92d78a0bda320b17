// The simulator: walks a (draft) type through its states with sample data and a list of events,
// without touching any case. Each step shows the state entered, the tasks it would create (role,
// scope, events, decision forms, due), the effects and timers the transition would run, and the
// validation result where an event validates. Rules that read registers read them, nothing writes.
import { initialTransition, transition } from 'xstate';
import type { Engine } from '../context.js';
import { buildMachine, type TypeBundle } from '../registry/index.js';
import { validateForm } from '../validation/index.js';
import { runRules } from '../runtime/rules.js';
import { activeLeaves, activePaths, stateConfig, stateTitle } from '../runtime/states.js';

export interface SimStep {
  event: string | null;
  state: string;
  stateTitle: string;
  final: boolean;
  tasks: Array<{ state: string; name: string; title: string; role: string; scope: string; due: string | null; events: Record<string, unknown> }>;
  effects: Array<{ type: string; params: unknown }>;
  timers: Array<{ event: string; delayMs: number }>;
  errors: Array<{ field: string; message: string }>;
  possibleEvents: string[];
}

export async function simulate(engine: Engine, bundle: TypeBundle, data: unknown, events: Array<{ event: string; decision?: unknown }>): Promise<SimStep[]> {
  const machine = buildMachine(bundle);
  const steps: SimStep[] = [];
  const describe = (snapshot: ReturnType<typeof initialTransition>[0], event: string | null, actions: Array<{ type: string; params?: unknown }>, errors: SimStep['errors'] = []): SimStep => {
    const leaves = activeLeaves(snapshot.value);
    const paths = activePaths(leaves);
    const tasks = paths.flatMap((p) => (stateConfig(bundle.workflow, p)?.meta?.tasks ?? []).map((t) => ({
      state: p, name: t.name, title: t.title, role: t.role, scope: t.scope, due: t.due ?? null, events: t.events,
    })));
    return {
      event, state: leaves.join(','), stateTitle: stateTitle(bundle.workflow, leaves), final: snapshot.status === 'done',
      tasks,
      effects: actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params })),
      timers: actions.filter((a) => a.type === 'xstate.raise' && typeof (a.params as { delay?: number })?.delay === 'number')
        .map((a) => ({ event: ((a.params as { event: { type: string } }).event).type, delayMs: (a.params as { delay: number }).delay })),
      errors,
      possibleEvents: [...new Set([...tasks.flatMap((t) => Object.keys(t.events)), ...[...snapshot._nodes].flatMap((n) => n.ownEvents)])]
        .filter((e) => !e.startsWith('xstate.')),
    };
  };
  let [snapshot, actions] = initialTransition(machine, { $data: data as Record<string, unknown> });
  steps.push(describe(snapshot, null, actions as never));
  let pendingTimers: SimStep['timers'] = steps[0].timers;
  for (const { event: requested, decision } of events) {
    const step = steps[steps.length - 1];
    // "$timer" lets the period run out: the earliest timer the current state is waiting for fires.
    const event = requested === '$timer' ? [...pendingTimers].sort((a, b) => a.delayMs - b.delayMs)[0]?.event ?? requested : requested;
    const task = step.tasks.find((t) => event in t.events);
    const eventDef = task?.events[event] as { validate?: boolean; form?: string } | undefined;
    const errors: SimStep['errors'] = [];
    if (eventDef?.validate) {
      errors.push(...validateForm(engine.ajv, bundle.schema, data));
      const outcome = await runRules({ ...bundle, version: 0 }, { db: engine.db, data, orgId: null });
      errors.push(...outcome.errors);
    }
    if (eventDef?.form) errors.push(...validateForm(engine.ajv, engine.registry.decisionForms[eventDef.form], decision ?? {}));
    const evt = { type: event, $data: data, $decision: decision ?? {}, $flags: [] };
    if (errors.length || !snapshot.can(evt)) {
      steps.push({ ...step, event, effects: [], timers: [], errors: errors.length ? errors : [{ field: '', message: `当前环节不能执行「${event}」` }] });
      break;
    }
    [snapshot, actions] = transition(machine, snapshot, evt);
    const next = describe(snapshot, event, actions as never);
    pendingTimers = next.timers.length || next.state !== step.state ? next.timers : pendingTimers;
    steps.push(next);
  }
  return steps;
}
