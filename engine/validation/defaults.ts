// Schema defaults, applied by the server exactly as the browser applies them: rjsf's own
// getDefaultFormState with the browser's validator and the browser's setting, so an API client
// that leaves out a field with a default gets what a person in the browser would have had.
// Values that were typed are never replaced; only what is absent is filled in.
import * as rjsfUtils from '@rjsf/utils';
import type { RJSFSchema } from '@rjsf/utils';
import { createFormValidator } from '../shared/form-validator.js';
import { DEFAULT_FORM_STATE_BEHAVIOR } from '../shared/form-manifest.js';

type Data = Record<string, unknown>;
const validator = createFormValidator();
// Node's ESM loader sees only the default export of @rjsf/utils' CommonJS build (vitest sees names).
const { getDefaultFormState } = ('getDefaultFormState' in rjsfUtils ? rjsfUtils : (rjsfUtils as unknown as { default: typeof rjsfUtils }).default);

/** The data with the schema's defaults filled in where nothing was given. */
export function applyFormDefaults(schema: unknown, data: Data): Data {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return data;
  const root = schema as RJSFSchema;
  const out = withoutFillers(getDefaultFormState(validator, root, data, root, false, DEFAULT_FORM_STATE_BEHAVIOR as never), data);
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? (out as Data) : data;
}

// rjsf also scaffolds the form: a required list with minItems gets empty rows (undefined items)
// and lists and groups nobody filled get [] and {}. In the browser they are inputs waiting to be
// filled; stored, they would be data nobody gave (and undefined rows turn into nulls no schema
// accepts). Only what a `default` supplies is kept, beside what was sent.
function withoutFillers(v: unknown, given?: unknown): unknown {
  const g = typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : undefined;
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x, i) => withoutFillers(x, g?.[i])).filter((x) => x !== undefined);
  else if (typeof v === 'object' && v !== null) {
    out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutFillers(x, g?.[k])]).filter(([, x]) => x !== undefined));
  } else return v;
  const empty = Array.isArray(out) ? out.length === 0 : Object.keys(out as object).length === 0;
  return empty && given === undefined ? undefined : out;
}
