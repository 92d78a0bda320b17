// Small data hooks: load a URL, keep the last answer, report errors, reload on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';
import { hasRoute } from './capabilities';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

export function useApi<T>(url: string | null): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(!!url);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (!url) { setLoading(false); return; }
    const mine = ++seq.current;
    setLoading(true);
    api.get<T>(url).then(
      (d) => { if (mine === seq.current) { setData(d); setError(undefined); setLoading(false); } },
      (e) => { if (mine === seq.current) { setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e))); setLoading(false); } },
    );
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/** Whether the server has an optional route (see capabilities.ts); undefined while asking. */
export function useHasRoute(method: string, path: string): boolean | undefined {
  const [has, setHas] = useState<boolean>();
  useEffect(() => {
    let live = true;
    hasRoute(method, path).then((h) => { if (live) setHas(h); });
    return () => { live = false; };
  }, [method, path]);
  return has;
}

/** Whether GET url answers 200 (for sections that appear only when their endpoint exists). */
export function useAnswers(url: string): boolean | undefined {
  const [ok, setOk] = useState<boolean>();
  useEffect(() => {
    let live = true;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((r) => { if (live) setOk(r.ok); }, () => { if (live) setOk(false); });
    return () => { live = false; };
  }, [url]);
  return ok;
}
