// The browser's form validator, built once for both sides: @rjsf/validator-ajv8 with the
// platform's formats (统一社会信用代码, 组织机构代码, 身份证号码, 手机号码, 联系电话, 附件, 区县, 街道). The
// renderer validates with it (renderer/src/forms/validator.ts adds Chinese messages); the server
// runs the very same code to apply defaults as the browser does and, when a type is published, to
// prove that both sides accept the same data (engine/registry/self-test.ts). Isomorphic.
import * as ajv8 from '@rjsf/validator-ajv8';
import type { Localizer } from '@rjsf/validator-ajv8';
// Formats backed by a code check (the check both validates and explains the failure), one list
// in codes.ts for the server's Ajv and this validator.
import { CODE_FORMATS } from '../validation/codes.js';

export { CODE_FORMATS };
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// Node's ESM loader sees only a default export of this CommonJS package (no named ones); bundlers
// and vitest see the named export. Take it from where it is.
const customizeValidator = ajv8.customizeValidator
  ?? (ajv8 as unknown as { default: typeof ajv8 }).default.customizeValidator;

export function createFormValidator(localizer?: Localizer) {
  return customizeValidator({
    customFormats: {
      ...Object.fromEntries(Object.entries(CODE_FORMATS).map(([name, check]) => [name, (s: string) => check(s).ok])),
      attachment: UUID_V4,
      district: /^\d{6}$/,
      street: /^\d{9}$/,
    },
  }, localizer);
}
