// Search and filter columns derived from a case's data, as the type's settings declare:
// `searchFields` (pointers whose text the list's q searches besides number and title) and
// `filters` (name → pointer; an array value gives one tag per element, e.g. the areas a person
// works in). Stored as `|area:5|area:7|` so a filter is one indexed LIKE on both databases.
import { getPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';

const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export function indexFields(def: TypeVersionDef, data: unknown): { search: string | null; tags: string | null } {
  const s = def.settings as TypeVersionDef['settings'] & { searchFields?: string[]; filters?: Record<string, string> };
  const words = (s.searchFields ?? []).map((p) => getPointer(data, p)).filter(scalar).map(String);
  const tags: string[] = [];
  for (const [name, ptr] of Object.entries(s.filters ?? {})) {
    const v = getPointer(data, ptr);
    for (const x of Array.isArray(v) ? v : [v]) if (scalar(x) && x !== '') tags.push(`${name}:${String(x).replace(/\|/g, '')}`);
  }
  return { search: words.length ? words.join(' ').slice(0, 1000) : null, tags: tags.length ? `|${tags.join('|')}|` : null };
}

/** `area:5` → the LIKE pattern matching that tag. */
export function tagPattern(filter: string): string {
  return `%|${filter.replace(/[%_\\|]/g, '')}|%`;
}
