// Field paths three ways: JSON pointers (the server's error details, settings), rjsf error
// properties ('.a.b.0' or 'a'), and path arrays; plus reading the schema and data at a path.
import type { JsonSchema } from '../api/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function pointerToPath(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer.replace(/^#/, '').split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pathToPointer(path: Array<string | number>): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** rjsf's error property ('.boundaries.east', "['a b']", 'projectName') as a path. */
export function propertyToPath(property: string | undefined): string[] {
  if (!property) return [];
  const out: string[] = [];
  const re = /\[['"]?([^'"\]]+)['"]?\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(property))) out.push(m[1] ?? m[2]);
  return out;
}

export function getAt(data: unknown, path: Array<string | number>): unknown {
  let cur = data;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObj(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** A copy of data with value at path (objects and arrays created as needed). */
export function setAt<T>(data: T, path: Array<string | number>, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const base: unknown = data ?? (/^\d+$/.test(String(head)) ? [] : {});
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy as T;
  }
  return { ...(base as Obj), [String(head)]: setAt((base as Obj)[String(head)], rest, value) } as T;
}

function resolve(root: JsonSchema, s: unknown): Obj | undefined {
  let cur = s;
  for (let i = 0; i < 8 && isObj(cur) && typeof cur.$ref === 'string' && cur.$ref.startsWith('#'); i++) {
    cur = getAt(root, pointerToPath(cur.$ref.slice(1)));
  }
  return isObj(cur) ? cur : undefined;
}

/** The subschema for a path (properties, items, then/else and allOf branches are looked into). */
export function schemaAt(root: JsonSchema, path: Array<string | number>): Obj | undefined {
  let level: Obj[] = [resolve(root, root)].filter(isObj);
  for (const seg of path) {
    const next: Obj[] = [];
    const visit = (s: Obj | undefined, depth = 0) => {
      if (!s || depth > 6) return;
      const props = s.properties;
      if (isObj(props) && isObj(props[String(seg)])) next.push(resolve(root, props[String(seg)])!);
      if (/^\d+$/.test(String(seg)) && s.items) {
        const item = Array.isArray(s.items) ? s.items[Number(seg)] : s.items;
        const r = resolve(root, item);
        if (r) next.push(r);
      }
      for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[k])) for (const sub of s[k] as unknown[]) visit(resolve(root, sub), depth + 1);
      for (const k of ['then', 'else']) visit(resolve(root, s[k]), depth + 1);
    };
    level.forEach((s) => visit(s));
    if (!next.length) return undefined;
    level = next;
  }
  return level[0];
}

/** The Chinese title of the field at path, or 「列表 第 N 项」 for untitled items. */
export function titleAt(root: JsonSchema, path: Array<string | number>): string {
  const s = schemaAt(root, path);
  if (s && typeof s.title === 'string' && s.title) return s.title;
  const last = path[path.length - 1];
  if (last !== undefined && /^\d+$/.test(String(last))) return `${titleAt(root, path.slice(0, -1))}第 ${Number(last) + 1} 项`;
  return last === undefined ? '表单' : String(last);
}

/** Drops null and undefined entries of arrays (rjsf leaves them for untouched required items). */
export function cleanData<T>(data: T): T {
  if (Array.isArray(data)) return data.filter((v) => v !== null && v !== undefined).map(cleanData) as T;
  if (isObj(data)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) out[k] = cleanData(v);
    return out as T;
  }
  return data;
}

/**
 * The data path of a field from its rjsf id ('root_client_name', 'root_members_2_idNumber'),
 * matched against the schema's property names (which may themselves contain '_').
 */
export function pathFromId(root: JsonSchema, idPrefix: string, id: string): string[] {
  let rest = id === idPrefix ? '' : id.startsWith(`${idPrefix}_`) ? id.slice(idPrefix.length + 1) : id;
  const path: string[] = [];
  while (rest) {
    const s = schemaAt(root, path);
    const m = /^(\d+)(?:_|$)/.exec(rest);
    if (s?.items !== undefined && m) {
      path.push(m[1]);
      rest = rest.slice(m[0].length);
      continue;
    }
    const keys = Object.keys((s?.properties ?? {}) as Obj).sort((a, b) => b.length - a.length);
    const key = keys.find((k) => rest === k || rest.startsWith(`${k}_`));
    if (key === undefined) { path.push(rest); break; }
    path.push(key);
    rest = rest.slice(key.length + 1);
  }
  return path;
}
