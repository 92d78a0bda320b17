// Finds the file ids a form's data refers to: every string whose schema says format "attachment",
// following properties, items, $ref to local definitions and conditional branches — with where it
// sits and, from the uiSchema beside it, the kinds of file its list allows (ui:options.accept).
import { getPointer } from '../registry/pointer.js';
import type { JsonSchema } from '../registry/types.js';
import type { FileRef } from '../files/index.js';

type S = Record<string, unknown>;
const isObj = (v: unknown): v is S => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export function collectAttachmentIds(schema: JsonSchema, data: unknown): string[] {
  return [...new Set(collectAttachments(schema, data).map((r) => r.id))];
}

/** Every attachment of the data, once per place, with its field (a JSON pointer) and the kinds of file allowed there. */
export function collectAttachments(schema: JsonSchema, data: unknown, uiSchema: unknown = {}): FileRef[] {
  const out = new Map<string, FileRef>();
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
  const walk = (raw: S | undefined, value: unknown, depth: number, ui: S, field: string, inherited: string[] | undefined) => {
    if (!raw || depth > 32) return;
    const options = isObj(ui['ui:options']) ? ui['ui:options'] : {};
    const accept = Array.isArray(options.accept) ? options.accept.filter((a): a is string => typeof a === 'string') : inherited;
    for (const s of branches(deref(raw))) {
      if (s.format === 'attachment' && typeof value === 'string') out.set(`${field} ${value}`, { id: value, field, ...(accept?.length ? { accept } : {}) });
      if (Array.isArray(value) && s.items && typeof s.items === 'object') {
        const itemUi = isObj(ui.items) ? ui.items : {};
        value.forEach((v, i) => walk(s.items as S, v, depth + 1, itemUi, `${field}/${i}`, accept));
      }
      if (value && typeof value === 'object' && !Array.isArray(value) && s.properties) {
        for (const [k, sub] of Object.entries(s.properties as S)) walk(sub as S, (value as S)[k], depth + 1, isObj(ui[k]) ? ui[k] : {}, `${field}/${esc(k)}`, undefined);
      }
    }
  };
  walk(schema, data, 0, isObj(uiSchema) ? uiSchema : {}, '', undefined);
  return [...out.values()];
}
