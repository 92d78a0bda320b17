// Whether a dotted path (as an expression's var writes it: "company.name", "houses.0.area")
// names a field a form can hold. Follows properties, array items and the subschemas a field may
// be declared in (allOf/anyOf/oneOf, if/then/else, dependencies); a schema that allows any
// property (no properties listed, or additionalProperties not false) accepts any name below it.
type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function branches(s: Schema): Schema[] {
  const out: Schema[] = [s];
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) out.push(...(s[k] as unknown[]).filter(isObj).flatMap(branches));
  for (const k of ['then', 'else'] as const) if (isObj(s[k])) out.push(...branches(s[k] as Schema));
  if (isObj(s.dependencies)) out.push(...Object.values(s.dependencies).filter(isObj).flatMap(branches));
  return out;
}

export function schemaHasPath(schema: unknown, dotted: string): boolean {
  if (!isObj(schema)) return false;
  const [head, ...rest] = dotted.split('.');
  if (head === undefined || head === '') return true;
  const all = branches(schema);
  for (const s of all) {
    if (isObj(s.properties) && head in (s.properties as Schema)) {
      if (!rest.length || schemaHasPath((s.properties as Schema)[head], rest.join('.'))) return true;
    }
    if (s.items !== undefined && /^\d+$/.test(head) && (!rest.length || schemaHasPath(s.items, rest.join('.')))) return true;
    // `length` of a list or a string is read by the length operation, but a path may name it too.
    if (s.type === 'array' && head === 'length' && !rest.length) return true;
  }
  const open = all.every((s) => !isObj(s.properties)) && schema.type !== 'array' && schema.type !== 'string' && schema.type !== 'number' && schema.type !== 'integer' && schema.type !== 'boolean';
  return open && schema.additionalProperties !== false;
}
