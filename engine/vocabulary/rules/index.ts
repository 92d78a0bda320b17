// Every rule a type's settings.rules may name. Simple rules are one file each here; the others are
// declared in declared.ts and joined here with their code from engine/runtime (rule-checks.ts,
// rules-*.ts), so the check, runRules, the console and the docs all read one entry per rule.
// A rule declared without code, or code without a declaration, fails at start.
import type { RuleEntry } from '../entry.js';
import type { RuleCheck } from '../../runtime/rule-checks.js';
import { RULE_CHECKS } from '../../runtime/rule-checks.js';
import { ROW_RULES } from '../../runtime/rules-rows.js';
import { DATE_RULES } from '../../runtime/rules-dates.js';
import { REF_RULES } from '../../runtime/rules-refs.js';
import { CASE_RULES } from '../../runtime/rules-cases.js';
import { IDENTITY_RULES } from '../../runtime/rules-identity.js';
import { ROW_DATE_RULES } from '../../runtime/rules-row-dates.js';
import { SCHEMA_RULES } from '../../runtime/rules-schema.js';
import { DECLARED } from './declared.js';
import sumAtMost from './sum-at-most.js';
import dateOrder from './date-order.js';
import notFuture from './not-future.js';
import prefixOf from './prefix-of.js';
import uniqueInRegister from './unique-in-register.js';
import existsInRegister from './exists-in-register.js';

const CODE: Record<string, RuleCheck> = {
  ...RULE_CHECKS, ...ROW_RULES, ...DATE_RULES, ...REF_RULES, ...CASE_RULES, ...IDENTITY_RULES, ...ROW_DATE_RULES, ...SCHEMA_RULES,
};

function joined(): Record<string, RuleEntry<unknown>> {
  const out: Record<string, RuleEntry<unknown>> = {};
  for (const [name, decl] of Object.entries(DECLARED)) {
    const check = CODE[name];
    if (!check) throw new Error(`rule ${name} is declared but has no code`);
    out[name] = { title: decl.title, params: decl.params, check: check as RuleEntry<unknown>['check'] };
  }
  for (const name of Object.keys(CODE)) if (!(name in DECLARED)) throw new Error(`rule ${name} has code but no declaration`);
  return out;
}

export const RULE_ENTRIES: Record<string, RuleEntry<unknown>> = {
  sumAtMost, dateOrder, notFuture, prefixOf, uniqueInRegister, existsInRegister,
  ...joined(),
} as Record<string, RuleEntry<unknown>>;
