// Rules that compare the form with what the platform already knows: a field of the register entry
// the form refers to (the chosen area's name, its developer). A rule whose inputs are missing holds:
// the form's required checks and existsInRegister report those.
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { RuleDef } from '../registry/types.js';
import type { RuleCheck } from './rule-checks.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== '';
const same = (a: unknown, b: unknown) => String(a).trim() === String(b).trim();
const failIf = (rule: RuleDef, broken: boolean): FieldError[] => (broken ? [{ field: rule.field, message: rule.message }] : []);

export const REF_RULES: Record<string, RuleCheck> = {
  /** A form field equals a field of the register entry the form refers to (项目名称 = the area's). */
  async equalsRegisterField(rule, ctx) {
    const p = rule.params as { register: string; id: string; field: string; value: string };
    const id = getPointer(ctx.data, p.id);
    const value = getPointer(ctx.data, p.value);
    if (!present(id) || !present(value)) return [];
    const entry = await ctx.db.models.RegisterEntry.findOne({
      where: { id: Number(id), register: p.register }, attributes: ['data'], transaction: ctx.t, raw: true,
    });
    const expected = getPointer(entry?.data, p.field);
    // No entry or nothing to compare with: existsInRegister says whether the reference is valid.
    return failIf(rule, present(expected) && !same(expected, value));
  },
};
