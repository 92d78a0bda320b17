// Cross-field rules of a type (settings.rules), run when an event asks for validation. Each names
// the field it reports on; severity "warning" keeps a visible flag on the case instead of refusing.
import { getPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';
import type { RuleContext, RuleOutcome } from './rule-context.js';
import { fieldTitle } from './field-title.js';
import { RULE_ENTRIES } from '../vocabulary/rules/index.js';

export { rawOf, registerKey, type RuleContext, type RuleOutcome } from './rule-context.js';

export async function runRules(def: TypeVersionDef, ctx: RuleContext): Promise<RuleOutcome> {
  const out: RuleOutcome = { errors: [], warnings: [] };
  for (const rule of def.settings.rules ?? []) {
    // `when`: the rule applies only while a field has a value (e.g. only to 前期 contracts).
    if (rule.when && getPointer(ctx.data, rule.when.path) !== rule.when.value) continue;
    // One entry per rule (engine/vocabulary/rules); the check refuses names that are not there.
    const entry = RULE_ENTRIES[rule.rule];
    if (!entry) throw new Error(`rule ${rule.rule} has no implementation`);
    const failures = await entry.check(rule as never, ctx);
    // A row's error names its column as the form titles it (an Excel import names the same cell).
    for (const f of failures) if (f.row !== undefined && f.column === undefined) f.column = fieldTitle(def.schema, f.field);
    for (const f of failures) {
      if (rule.severity === 'warning') out.warnings.push({ code: `RULE:${f.field}`, field: f.field, message: f.message });
      else out.errors.push(f);
    }
  }
  return out;
}
