// How the rules that report their own failures word them: the rule's own field with what they
// measured filled into its message, or a row's cell with 「第 N 行：」 and the row number (runRules
// adds the column's Chinese title from the form).
import type { FieldError } from '../../errors.js';
import type { RuleDef } from '../../registry/types.js';
import { fillMessage } from '../../runtime/rule-checks.js';

/** The rule's own field, its message filled with vars ({actual}, {count}, {reason} …). */
export const fail = (rule: RuleDef, vars: Record<string, unknown> = {}): FieldError[] => [{ field: rule.field, message: fillMessage(rule.message, vars) }];

/** One bad row, reported at its cell (/houses/3/room) with 「第 4 行：」. */
export function rowError(rule: RuleDef, rows: string, index: number, column: string, vars: Record<string, unknown> = {}): FieldError {
  return { field: `${rows}/${index}${column}`, row: index + 1, message: `第 ${index + 1} 行：${fillMessage(rule.message, vars)}` };
}
