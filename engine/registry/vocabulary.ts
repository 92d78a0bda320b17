// The vocabulary a definition may name: roles (data, from roles/), task scopes, guards, actions (effects) and
// rules. Definitions reference these by name with JSON params. Guards and actions are entries of
// engine/vocabulary (title, params and code in one file each); here they are listed for the
// console. Each entry is named for what it does, never for a business.

import { RULE_ENTRIES } from '../vocabulary/rules/index.js';
import { GUARD_ENTRIES } from '../vocabulary/guards/index.js';
import { OPERATORS, SCOPE_ROOTS } from '../expression/index.js';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';
import { roleList } from './roles.js';
import type { RegisterDef, Roles } from './types.js';

/** Pseudo-role of tasks: the organisation that started the case. The roles themselves are data (roles/). */
export const APPLICANT = { applicant: '申请单位' } as const;

/** The role titles a definition may name: the installation's roles, then the applicant pseudo-role. */
export function taskRoles(roles: Roles): Record<string, string> {
  return { ...Object.fromEntries(roleList(roles).map((r) => [r.id, r.title])), ...APPLICANT };
}

export const SCOPES = {
  district: '案件所属区县',
  street: '案件所属街道',
  org: '申请单位本单位',
  any: '不限',
} as const;


const titled = (entries: Record<string, { title: string; params: unknown }>) =>
  Object.fromEntries(Object.entries(entries).map(([name, e]) => [name, { title: e.title, params: e.params as object }]));

/** Guards (engine/vocabulary/guards): predicates over the case data, the decision, the flags, the state. */
export const GUARDS: Record<string, { title: string; params: object }> = titled(GUARD_ENTRIES);

/** Actions (engine/vocabulary/actions): run inside the transition's transaction. */
export const ACTIONS: Record<string, { title: string; params: object }> = titled(ACTION_ENTRIES);

/** Rules (engine/vocabulary/rules): cross-field checks run when an event asks for validation (e.g. SUBMIT). */
export const RULES: Record<string, { title: string; params: object }> = titled(RULE_ENTRIES);

/** Vocabulary as data, for the admin console and the docs. */
export function vocabulary(decisionForms: string[], registers: string[], roles: Roles, registerDefs: Record<string, RegisterDef> = {}) {
  // expression: what the expr guard's language offers (operations, variable roots), for the condition builder.
  const expression = { operators: OPERATORS, roots: SCOPE_ROOTS };
  // registerTitles: every register's Chinese title, public or not, for the console's pickers.
  const registerTitles = Object.fromEntries(registers.map((r) => [r, registerDefs[r]?.title ?? r]));
  return { roles: taskRoles(roles), scopes: SCOPES, guards: GUARDS, actions: ACTIONS, rules: RULES, decisionForms, registers, registerTitles, expression };
}
