// The business types the caller may start or see (GET /api/types) and one type's definition,
// cached for the page's life: definitions are immutable per version.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { TypeDetail, TypeSummary } from '../api/model';

let listCache: { key: string; promise: Promise<TypeSummary[]> } | undefined;
const detailCache = new Map<string, Promise<TypeDetail>>();

export function loadTypes(userKey: string): Promise<TypeSummary[]> {
  if (listCache?.key !== userKey) {
    listCache = { key: userKey, promise: api.get<{ items: TypeSummary[] }>('/api/types').then((r) => r.items) };
    listCache.promise.catch(() => { listCache = undefined; });
  }
  return listCache.promise;
}

/** A type's current definition, or the given version's (a case stays on the version it started with). */
export function loadType(id: string, version?: number): Promise<TypeDetail> {
  const key = `${id}@${version ?? 'current'}`;
  let p = detailCache.get(key);
  if (!p) {
    const current = api.get<TypeDetail>(`/api/types/${encodeURIComponent(id)}`);
    p = version === undefined ? current : current.then((cur) => (cur.version === version
      ? cur
      : api.get<TypeDetail>(`/api/types/${encodeURIComponent(id)}/versions/${version}`)
        .then((v) => ({ ...cur, ...v, canStart: cur.canStart, decisionForms: cur.decisionForms }))
        // An older server without the versions route: the current definition is the best picture.
        .catch(() => cur)));
    detailCache.set(key, p);
    p.catch(() => detailCache.delete(key));
  }
  return p;
}

export function useTypes(userKey: string | undefined): { types: TypeSummary[] | undefined; error?: ApiError } {
  const [types, setTypes] = useState<TypeSummary[]>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (!userKey) { setTypes(undefined); return; }
    let live = true;
    loadTypes(userKey).then((t) => { if (live) setTypes(t); }, (e) => { if (live) setError(e); });
    return () => { live = false; };
  }, [userKey]);
  return { types, error };
}

export function useType(id: string | undefined, version?: number): { type: TypeDetail | undefined; error?: ApiError } {
  const [type, setType] = useState<TypeDetail>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (!id) return;
    let live = true;
    setType(undefined);
    loadType(id, version).then((t) => { if (live) setType(t); }, (e) => { if (live) setError(e); });
    return () => { live = false; };
  }, [id, version]);
  return { type, error };
}

/** Menu groups (settings.menu) in order, each with its types in order. */
export function groupByMenu(types: TypeSummary[]): Array<{ menu: string; items: TypeSummary[] }> {
  const groups = new Map<string, TypeSummary[]>();
  for (const t of [...types].sort((a, b) => a.order - b.order)) {
    const menu = t.menu ?? '其他业务';
    groups.set(menu, [...(groups.get(menu) ?? []), t]);
  }
  return [...groups].map(([menu, items]) => ({ menu, items }));
}
