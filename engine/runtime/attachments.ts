// Finds the file ids a form's data refers to: every string whose schema says format "attachment",
// following properties, items, $ref to local definitions and conditional branches.
import { getPointer } from '../registry/pointer.js';
import type { JsonSchema } from '../registry/types.js';

type S = Record<string, unknown>;

export function collectAttachmentIds(schema: JsonSchema, data: unknown): string[] {
  const out = new Set<string>();
  const deref = (s: S): S => (typeof s.$ref === 'string' && s.$ref.startsWith('#') ? (getPointer(schema, s.$ref.slice(1)) as S) ?? {} : s);
  const branches = (s: S): S[] => {
    const list: S[] = [s];
    for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[k])) list.push(...(s[k] as S[]));
    for (const k of ['then', 'else']) if (s[k] && typeof s[k] === 'object') list.push(s[k] as S);
    if (s.dependencies && typeof s.dependencies === 'object') {
      for (const d of Object.values(s.dependencies as S)) if (d && typeof d === 'object' && !Array.isArray(d)) list.push(d as S);
    }
    return list.map(deref);
  };
  const walk = (raw: S | undefined, value: unknown, depth: number) => {
    if (!raw || depth > 32) return;
    for (const s of branches(deref(raw))) {
      if (s.format === 'attachment' && typeof value === 'string') out.add(value);
      if (Array.isArray(value) && s.items && typeof s.items === 'object') for (const v of value) walk(s.items as S, v, depth + 1);
      if (value && typeof value === 'object' && !Array.isArray(value) && s.properties) {
        for (const [k, sub] of Object.entries(s.properties as S)) walk(sub as S, (value as S)[k], depth + 1);
      }
    }
  };
  walk(schema, data, 0);
  return [...out];
}
