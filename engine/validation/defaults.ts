// Schema defaults, applied by the server exactly as the browser applies them: rjsf's own
// getDefaultFormState with the browser's validator and the browser's setting, so an API client
// that leaves out a field with a default gets what a person in the browser would have had.
// Values that were typed are never replaced; only what is absent is filled in.
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { createFormValidator } from '../shared/form-validator.js';
import { DEFAULT_FORM_STATE_BEHAVIOR } from '../shared/form-manifest.js';

type Data = Record<string, unknown>;
const validator = createFormValidator();

/** The data with the schema's defaults filled in where nothing was given. */
export function applyFormDefaults(schema: unknown, data: Data): Data {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return data;
  const root = schema as RJSFSchema;
  const out = withoutFillers(getDefaultFormState(validator, root, data, root, false, DEFAULT_FORM_STATE_BEHAVIOR as never));
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? (out as Data) : data;
}

// rjsf gives a required list with minItems empty rows to fill in (undefined items). In the browser
// they are inputs waiting to be filled; stored, they would turn into nulls that no schema accepts.
// JSON input never holds undefined, so every undefined item is such a filler.
function withoutFillers(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(withoutFillers);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, withoutFillers(x)]));
}
