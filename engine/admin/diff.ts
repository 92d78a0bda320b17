// A structural diff of two type bundles: every JSON path whose value was added, removed or changed.
// Enough for an administrator to see what a new version changes (form fields, states, settings).

export interface DiffEntry {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export function diffJson(a: unknown, b: unknown, path = '', out: DiffEntry[] = []): DiffEntry[] {
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = `${path}/${esc(k)}`;
      if (!(k in b)) out.push({ path: p, kind: 'removed', from: a[k] });
      else if (!(k in a)) out.push({ path: p, kind: 'added', to: b[k] });
      else diffJson(a[k], b[k], p, out);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}/${i}`;
      if (i >= b.length) out.push({ path: p, kind: 'removed', from: a[i] });
      else if (i >= a.length) out.push({ path: p, kind: 'added', to: b[i] });
      else diffJson(a[i], b[i], p, out);
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: path || '/', kind: 'changed', from: a, to: b });
  return out;
}
