// A code whose check character is right (credit code, organisation code, ID number); {reason}
// says what is wrong. A pilot-era credit code may be let through when only its check character fails.
import { checkIdNumber, checkOrgCode, checkUscc, type CodeCheck } from '../../validation/index.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fail } from './failures.js';
import { at, str } from './values.js';

const CODE_CHECKS: Record<string, (s: string) => CodeCheck> = { uscc: checkUscc, orgcode: checkOrgCode, idcard: (s) => checkIdNumber(s) };

export default rule({
  title: '代码校验位正确（统一社会信用代码、组织机构代码、身份证号码）',
  params: {
    type: 'object', required: ['value', 'format'],
    properties: {
      value: pointer,
      format: { enum: ['uscc', 'orgcode', 'idcard'] },
      /** Accept a credit code whose only fault is the check character (pilot-era codes). */
      allowPilot: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const value = str(at(ctx.data, p.value));
    if (!value) return [];
    const check = CODE_CHECKS[p.format](value);
    if (check.ok || (p.allowPilot === true && check.pilotCandidate)) return [];
    return fail(r, { reason: check.reason });
  },
});
