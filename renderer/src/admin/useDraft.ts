// The type being edited: loaded from its draft (or its current version when there is none), edited
// in memory, checked by the engine half a second after each change (with the form self-test that
// publishing runs, so that ✓ 检查通过 means publishing will not be refused), saved as the draft,
// published as a new version or thrown away.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { adminApi, type Bundle, type Problem } from './api';
import { placeProblems, type Placed } from './lint';

export interface Draft {
  bundle: Bundle | undefined;
  loadError: ApiError | undefined;
  /** The bundle differs from what the server holds as draft (or current version). */
  dirty: boolean;
  /** A draft is stored on the server. */
  isDraft: boolean;
  problems: Placed[];
  linting: boolean;
  update: (fn: (b: Bundle) => Bundle) => void;
  /** `prepare` completes the bundle first (e.g. completeBundle for a type never published); the draft shows the result. */
  save: (prepare?: (b: Bundle) => Bundle) => Promise<void>;
  publish: (prepare?: (b: Bundle) => Bundle) => Promise<number>;
  discard: () => Promise<void>;
  reload: () => Promise<void>;
}

const LINT_DELAY_MS = 500;

export function useTypeDraft(id: string): Draft {
  const [bundle, setBundle] = useState<Bundle>();
  const [saved, setSaved] = useState('');
  const [isDraft, setIsDraft] = useState(false);
  const [loadError, setLoadError] = useState<ApiError>();
  const [problems, setProblems] = useState<Placed[]>([]);
  const [linting, setLinting] = useState(false);
  const lintSeq = useRef(0);

  const reload = useCallback(async () => {
    try {
      const d = await adminApi.draft(id);
      setBundle(d.bundle);
      setSaved(JSON.stringify(d.bundle));
      setIsDraft(d.isDraft);
      setProblems(placeProblems(d.problems, d.bundle.schema));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
    }
  }, [id]);
  useEffect(() => { setBundle(undefined); void reload(); }, [reload]);

  // The check publishing makes; a slower answer to an older bundle is dropped.
  const startLint = useCallback((b: Bundle, delayMs: number) => {
    const mine = ++lintSeq.current;
    setLinting(true);
    const t = setTimeout(() => {
      adminApi.lint(b, { selfTest: true }).then((p) => { if (mine === lintSeq.current) setProblems(placeProblems(p, b.schema)); }, () => undefined)
        .finally(() => { if (mine === lintSeq.current) setLinting(false); });
    }, delayMs);
    return () => clearTimeout(t);
  }, []);
  // Lint after the administrator stops typing for a moment.
  useEffect(() => (bundle ? startLint(bundle, LINT_DELAY_MS) : undefined), [bundle, startLint]);

  const update = useCallback((fn: (b: Bundle) => Bundle) => setBundle((b) => (b ? fn(b) : b)), []);
  const bundleRef = useRef(bundle);
  bundleRef.current = bundle;

  const prepared = (prepare?: (b: Bundle) => Bundle) => {
    const b = bundleRef.current && prepare ? prepare(bundleRef.current) : bundleRef.current;
    if (b && b !== bundleRef.current) { bundleRef.current = b; setBundle(b); }
    return b;
  };

  const save = useCallback(async (prepare?: (b: Bundle) => Bundle) => {
    const b = prepared(prepare);
    if (!b) return;
    const r = await adminApi.saveDraft(b);
    setSaved(JSON.stringify(b));
    setIsDraft(true);
    setProblems(placeProblems(r.problems, b.schema));
    // Saving a draft skips the self-test: check again with it, as publishing will.
    startLint(b, 0);
  }, [startLint]);

  const publish = useCallback(async (prepare?: (b: Bundle) => Bundle) => {
    const b = prepared(prepare);
    if (!b) throw new Error('nothing to publish');
    try {
      const r = await adminApi.publish(b);
      await reload();
      return r.version;
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setProblems(placeProblems(e.details as Problem[], b.schema));
      throw e;
    }
  }, [reload]);

  const discard = useCallback(async () => {
    await adminApi.discardDraft(id);
    await reload();
  }, [id, reload]);

  const dirty = !!bundle && JSON.stringify(bundle) !== saved;
  return { bundle, loadError, dirty, isDraft, problems, linting, update, save, publish, discard, reload };
}
