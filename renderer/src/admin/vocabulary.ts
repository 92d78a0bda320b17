// The engine's vocabulary (roles, scopes, actions with their parameter schemas, decision forms …),
// loaded once per page life: it changes only with a new engine.
import { useEffect, useState } from 'react';
import { adminApi, type Vocabulary } from './api';

let cached: Promise<Vocabulary> | undefined;

export function useVocabulary(): Vocabulary | undefined {
  const [v, setV] = useState<Vocabulary>();
  useEffect(() => {
    let live = true;
    cached ??= adminApi.vocabulary();
    cached.then((x) => { if (live) setV(x); }, () => { cached = undefined; });
    return () => { live = false; };
  }, []);
  return v;
}

/** A decision form's Chinese title (its schema's title), or its name. */
export function formTitle(v: Vocabulary | undefined, name: string | undefined): string {
  if (!name) return '';
  const t = v?.decisionFormSchemas?.[name]?.title;
  return typeof t === 'string' ? t : name;
}

/** The registers a form may offer entries of, with their Chinese titles (public or not). */
export function useRegisters(): Array<{ name: string; title: string }> {
  const v = useVocabulary();
  return (v?.registers ?? []).map((name) => ({ name, title: v?.registerTitles?.[name] ?? name }));
}
