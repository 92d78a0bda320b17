// The Chinese title of a field at a data pointer, read from the form's JSON Schema: runRules adds
// it to a row's error (/houses/3/room → 房号), as an Excel import names the same cell.
import type { JsonSchema } from '../registry/types.js';

type Node = Record<string, unknown>;
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema under a pointer of the form, following local $refs and array items. */
function schemaAt(root: JsonSchema, segments: string[]): Node | undefined {
  const deref = (s: unknown): unknown => {
    for (let i = 0; i < 8 && isObj(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#/'); i++) {
      s = (s.$ref as string).slice(2).split('/').reduce<unknown>((cur, k) => (isObj(cur) ? cur[k] : undefined), root);
    }
    return s;
  };
  let cur = deref(root);
  for (const seg of segments) {
    if (!isObj(cur)) return undefined;
    cur = deref(seg === '[]' ? cur.items : isObj(cur.properties) ? cur.properties[seg] : undefined);
  }
  return isObj(cur) ? cur : undefined;
}

/** The Chinese title of the field at a data pointer (/houses/3/room → 房号), read from the form. */
export function fieldTitle(schema: JsonSchema, pointer: string): string | undefined {
  const segs = pointer.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? '[]' : k.replace(/~1/g, '/').replace(/~0/g, '~')));
  const title = schemaAt(schema, segs)?.title;
  return typeof title === 'string' ? title : undefined;
}
