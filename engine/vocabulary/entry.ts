// What one vocabulary entry is: a Chinese title, the JSON Schema of its parameters and its code,
// in one object (the way an Ajv keyword or an n8n node type is one object). The check validates
// parameters with `params`, the runtime runs the code, the console and docs/definitions.md show
// the title and the schema: all read the same entry. Parameter types derive from the schema.
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import type { ExprProblem, ExprScope } from '../expression/index.js';
import type { FromSchema } from './from-schema.js';
import type { FieldError } from '../errors.js';
import type { RuleDef } from '../registry/types.js';
import type { RuleContext } from '../runtime/rule-context.js';
import type { Flag } from '../runtime/case-row.js';

export type { FromSchema };

/** What a guard sees: the case data after the step's own actions, the decision, flags, state. */
export type GuardScope = Required<ExprScope>;

/** What the check knows about the type a parameter is written in. */
export interface EntryCheckContext {
  registers: Record<string, unknown>;
  /** Whether a field exists in the form ('data') or in a decision form of the workflow ('decision'). */
  knownField: (root: 'data' | 'decision', dotted: string) => boolean;
  knownState: (path: string) => boolean;
}

export interface GuardEntry<S = unknown> {
  title: string;
  params: S;
  test(scope: GuardScope, params: FromSchema<S>): boolean;
  /** Problems beyond the schema (unknown fields, states), each at a pointer below params. */
  check?(params: FromSchema<S>, ctx: EntryCheckContext): ExprProblem[];
}

export type { Flag } from '../runtime/case-row.js';

/** What a pure action changes: the case data and flags, computed from them and the event. */
export interface CaseFacts {
  data: Record<string, unknown>;
  flags: Flag[];
  decision: Record<string, unknown>;
  now: string;
}

export interface EffectCase {
  id: number;
  number: string;
  orgId: number | null;
  district: string | null;
  street: string | null;
  data: Record<string, unknown>;
  flags: Flag[];
  /** The decision data of the event being handled (an opinion, a dispatch, a score …). */
  decision?: Record<string, unknown>;
}

export interface EffectEnv { engine: Engine; t: Transaction; c: EffectCase; now: Date }

export interface ActionEntry<S = unknown> {
  title: string;
  params: S;
  /**
   * A pure action (data or flags in, data or flags out). It also runs inside the XState
   * transition, so the guards of the same step (an `always` after it) see what it wrote.
   */
  apply?(facts: CaseFacts, params: FromSchema<S>): Pick<CaseFacts, 'data' | 'flags'>;
  /** An effect outside the case (register entries, other cases), inside the transaction. */
  run?(env: EffectEnv, params: FromSchema<S>): Promise<void>;
  /** The register the parameters name, which must exist. */
  register?(params: FromSchema<S>): string | undefined;
}

/** Declares an entry with its parameter type read from its schema. */
export const guard = <const S>(e: GuardEntry<S>) => e;
export const action = <const S>(e: ActionEntry<S>) => e;

/** A rule's code: the failures it finds (none when it holds or its inputs are missing). */
export interface RuleEntry<S = unknown> {
  title: string;
  params: S;
  check(rule: RuleDef & { params: FromSchema<S> }, ctx: RuleContext): Promise<FieldError[]>;
}

/** Declares a rule that reports its own failures (per row, or with measured values in the message). */
export const rule = <const S>(e: RuleEntry<S>) => e;

/** A rule that either holds or fails with its own field and message. */
export const holdsRule = <const S>(e: { title: string; params: S; holds(p: FromSchema<S>, ctx: RuleContext): boolean | Promise<boolean> }): RuleEntry<S> => ({
  title: e.title,
  params: e.params,
  check: async (rule, ctx) => ((await e.holds(rule.params, ctx)) ? [] : [{ field: rule.field, message: rule.message }]),
});
