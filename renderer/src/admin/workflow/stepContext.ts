// What every step card of one workflow needs besides its own step: the engine's vocabulary, the
// type's form (for conditions and 会签 lists), its named delays, which keys are still new (they
// follow their titles until the type is published), and where a branch may lead from a given list.
import type { JsonSchema, TypeSettings } from '../../api/model';
import type { Vocabulary } from '../api';
import type { TargetOption } from './BranchList';
import type { Step } from './stepModel';

export interface StepContext {
  vocab: Vocabulary | undefined;
  form: JsonSchema | undefined;
  delays: NonNullable<TypeSettings['delays']>;
  /** Sets a named delay in the type's settings (timers refer to delays by name). */
  setDelay: (name: string, value: string) => void;
  /** Keys of steps and events added since the editor opened: they still follow their titles. */
  fresh: Set<string>;
  /** Every step of the workflow by its dotted path, with a title that says where it is. */
  all: Array<{ path: string; label: string }>;
  workflowId: string;
}

/** Every step by dotted path ('answering.overdue'), labelled 待企业答复 › 逾期未答复. */
export function allSteps(steps: Step[], prefix = '', label = ''): StepContext['all'] {
  return steps.flatMap((s) => [
    { path: `${prefix}${s.key}`, label: `${label}${s.title}` },
    ...(s.children ? allSteps(s.children, `${prefix}${s.key}.`, `${label}${s.title} › `) : []),
  ]);
}

/** Where a branch of a step in the list at `prefix` may lead: siblings by key, their sub-steps by
 * a relative dotted path, any other step by its absolute '#id.path'. */
export function targetsFrom(ctx: StepContext, prefix: string): TargetOption[] {
  return ctx.all.map(({ path, label }) => ({
    value: path.startsWith(prefix) ? path.slice(prefix.length) : `#${ctx.workflowId}.${path}`,
    label,
  })).filter((t) => !t.value.startsWith('#') || ctx.workflowId);
}

/** A form's array fields (pointers), for 会签 people lists and collected opinions. */
export function listFields(form: JsonSchema | undefined): TargetOption[] {
  const props = (form?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props).filter(([, p]) => p.type === 'array').map(([k, p]) => ({ value: `/${k}`, label: typeof p.title === 'string' ? p.title : k }));
}
