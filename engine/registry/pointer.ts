// JSON Pointer (RFC 6901) reads, used by rules, guards, effects and settings.

/** A pointer's keys, unescaped ("/a~1b/0" → ["a/b", "0"]); split once for loops over many rows. */
export const pointerKeys = (pointer: string): string[] => pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));

export function getPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let cur: unknown = doc;
  for (const key of pointerKeys(pointer)) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A copy of doc with the value at pointer replaced (intermediate objects created as needed). */
export function setPointer(doc: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const keys = pointerKeys(pointer);
  if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) throw new Error(`unsafe pointer ${pointer}`);
  const root = structuredClone(doc);
  let cur: Record<string, unknown> = root;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) cur[k] = value;
    else cur = (cur[k] = typeof cur[k] === 'object' && cur[k] !== null ? cur[k] : {}) as Record<string, unknown>;
  });
  return root;
}
