// Transitions of the step editor, both ways: XState writes a transition as a target string, an
// object { target, guard, actions } or a list of guarded objects tried in order (条件分支). The
// editor holds every one as a list of branches; a branch without a target keeps the case where it
// is (its effects still run). Anything else in a transition is reported, not dropped.
type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const only = (o: Obj, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

export interface Effect { type: string; params: Obj }

/** A guard as the engine names it: `expr` with a JSON Logic expression, or an older named guard. */
export interface Guard { type: string; params: Obj }

/** A decision that keeps the case where it is (e.g. 更新信息: its effects run, the step stays). */
export const STAY = '$stay';

export interface Branch {
  /** Step key (a sibling), a dotted path into a sub-step, '#id.path', or STAY. */
  target: string;
  guard?: Guard;
  actions: Effect[];
  /** Leaving and entering the step again even when it leads to itself (timers start over). */
  reenter?: boolean;
}

export function readEffects(v: unknown): Effect[] | null {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  if (!list.every((a) => isObj(a) && typeof a.type === 'string' && only(a, ['type', 'params']))) return null;
  return (list as Obj[]).map((a) => ({ type: a.type as string, params: isObj(a.params) ? a.params : {} }));
}

/** The branches of one transition, or null when it uses something the editor does not show. */
export function readBranches(t: unknown): Branch[] | null {
  const list = Array.isArray(t) ? t : [t];
  const out: Branch[] = [];
  for (const x of list) {
    if (typeof x === 'string') { out.push({ target: x, actions: [] }); continue; }
    if (!isObj(x) || !only(x, ['target', 'actions', 'guard', 'reenter'])) return null;
    if ((x.target !== undefined && typeof x.target !== 'string') || (x.reenter !== undefined && x.reenter !== true)) return null;
    const actions = readEffects(x.actions);
    if (!actions) return null;
    let guard: Guard | undefined;
    if (x.guard !== undefined) {
      if (!isObj(x.guard) || typeof x.guard.type !== 'string' || !only(x.guard, ['type', 'params'])) return null;
      guard = { type: x.guard.type, params: isObj(x.guard.params) ? x.guard.params : {} };
    }
    out.push({ target: (x.target as string | undefined) ?? STAY, actions, ...(guard ? { guard } : {}), ...(x.reenter ? { reenter: true } : {}) });
  }
  return out;
}

const writeBranch = (b: Branch): Obj => ({
  ...(b.target && b.target !== STAY ? { target: b.target } : {}),
  ...(b.guard ? { guard: { type: b.guard.type, params: b.guard.params } } : {}),
  ...(b.actions.length ? { actions: b.actions.map((a) => ({ type: a.type, params: a.params })) } : {}),
  ...(b.reenter ? { reenter: true } : {}),
});

/** One branch as an object, several as the list XState tries in order; undefined when none leads anywhere. */
export function writeBranches(branches: Branch[]): unknown {
  const kept = branches.filter((b) => b.target !== '');
  if (!kept.length) return undefined;
  return kept.length === 1 ? writeBranch(kept[0]) : kept.map(writeBranch);
}

/** A guard on a JSON Logic expression, as the engine's `expr` guard takes it. */
export const exprGuard = (expr: unknown): Guard => ({ type: 'expr', params: { expr } });
