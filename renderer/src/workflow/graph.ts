// A type's XState config read as a graph: states (nested ones inside their parent) with their
// Chinese titles (meta.title), and transitions labelled with the titles the tasks give their
// events (meta.tasks[].events), timers with their delay, and eventless transitions.
import type { StateMeta, TypeSettings, WorkflowConfig } from '../api/model';

export type Delays = NonNullable<TypeSettings['delays']>;
type Delay = Delays[string];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- XState JSON is open-ended

export interface WfNode {
  /** Dotted path from the root ('accepted', 'review.first'). */
  id: string;
  key: string;
  title: string;
  final: boolean;
  initial: boolean;
  editable: boolean;
  parent: string | null;
  children: string[];
}

export interface WfEdge {
  id: string;
  source: string;
  target: string;
  event: string;
  label: string;
  kind: 'event' | 'after' | 'always';
  guarded: boolean;
}

export interface WfGraph { nodes: Map<string, WfNode>; edges: WfEdge[]; roots: string[] }

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 'P7D' → '7天', 'PT2H' → '2小时', 86400000 → '1天'. */
export function durationTitle(d: Delay): string {
  if (typeof d === 'object' && d) {
    // A delay read from the case data (e.g. a deadline the applicant states): say so.
    const unit = { day: '天', hour: '小时', minute: '分钟', second: '秒' }[d.unit] ?? d.unit;
    return `按填报的期限（${unit}）`;
  }
  if (typeof d === 'number') {
    const units: Array<[number, string]> = [[86_400_000, '天'], [3_600_000, '小时'], [60_000, '分钟'], [1000, '秒']];
    for (const [ms, name] of units) if (d >= ms && d % ms === 0) return `${d / ms}${name}`;
    return `${d}毫秒`;
  }
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(d);
  if (!m) return d;
  const names = ['年', '个月', '周', '天', '小时', '分钟', '秒'];
  return m.slice(1).map((v, i) => (v ? `${v}${names[i]}` : '')).join('') || d;
}

/** Every event's title as the tasks name it, across the whole workflow. */
export function eventTitles(workflow: WorkflowConfig): Map<string, string> {
  const out = new Map<string, string>([['CREATE', '创建'], ['xstate.init', '创建']]);
  const visit = (node: Obj) => {
    const meta = node.meta as StateMeta | undefined;
    for (const task of meta?.tasks ?? []) for (const [ev, def] of Object.entries(task.events ?? {})) if (!out.has(ev)) out.set(ev, def.title);
    if (isObj(node.states)) for (const child of Object.values(node.states)) if (isObj(child)) visit(child);
  };
  visit(workflow as Obj);
  return out;
}

export function stateNode(workflow: WorkflowConfig, path: string): Obj | undefined {
  let node: Obj | undefined = workflow as Obj;
  for (const key of path.split('.')) node = isObj(node?.states) ? node!.states[key] : undefined;
  return node;
}

export function stateTitleOf(workflow: WorkflowConfig, value: string | null | undefined): string {
  if (!value) return '';
  return value.split(',').map((leaf) => (stateNode(workflow, leaf)?.meta as StateMeta | undefined)?.title ?? leaf).join('、');
}

function targetsOf(t: unknown): Array<{ target: string; guarded: boolean }> {
  const list = Array.isArray(t) ? t : [t];
  return list.flatMap((x) => {
    if (typeof x === 'string') return [{ target: x, guarded: false }];
    if (!isObj(x)) return [];
    const targets = Array.isArray(x.target) ? x.target : x.target ? [x.target] : [];
    return targets.filter((y: unknown): y is string => typeof y === 'string').map((target: string) => ({ target, guarded: !!(x.guard ?? x.cond) }));
  });
}

export function buildGraph(workflow: WorkflowConfig, delays: Delays = {}): WfGraph {
  const nodes = new Map<string, WfNode>();
  const byId = new Map<string, string>();
  const titles = eventTitles(workflow);
  const roots: string[] = [];

  const addNodes = (config: Obj, parent: string | null) => {
    if (!isObj(config.states)) return;
    // The initial state first: the layout draws states in this order, the start at the left.
    const entries = Object.entries(config.states).sort(([a], [b]) => Number(b === config.initial) - Number(a === config.initial));
    for (const [key, child] of entries) {
      if (!isObj(child)) continue;
      const id = parent ? `${parent}.${key}` : key;
      const meta = (child.meta ?? {}) as StateMeta;
      nodes.set(id, {
        id, key, parent, children: [],
        title: `${meta.title ?? key}${child.type === 'parallel' ? '（同时办理）' : ''}`,
        final: child.type === 'final',
        initial: config.initial === key,
        editable: !!meta.editable,
      });
      if (typeof child.id === 'string') byId.set(child.id, id);
      if (parent) nodes.get(parent)!.children.push(id);
      else roots.push(id);
      addNodes(child, id);
    }
  };
  addNodes(workflow as Obj, null);

  const resolve = (source: string, target: string): string | undefined => {
    if (target.startsWith('#')) {
      const ref = target.slice(1);
      const [head, ...rest] = ref.split('.');
      const base = byId.get(head) ?? (head === (workflow as Obj).id ? '' : undefined);
      if (base === undefined) return undefined;
      return [base, ...rest].filter(Boolean).join('.') || undefined;
    }
    if (target.startsWith('.')) return `${source}${target}`;
    const parent = nodes.get(source)?.parent;
    return parent ? `${parent}.${target}` : target;
  };

  const edges: WfEdge[] = [];
  for (const node of nodes.values()) {
    const config = stateNode(workflow, node.id)!;
    const add = (event: string, label: string, kind: WfEdge['kind'], t: unknown) => {
      for (const { target, guarded } of targetsOf(t)) {
        const to = resolve(node.id, target);
        if (!to || !nodes.has(to)) continue;
        edges.push({ id: `e${edges.length}`, source: node.id, target: to, event, label: guarded ? `${label}（有条件）` : label, kind, guarded });
      }
    };
    if (isObj(config.on)) for (const [event, t] of Object.entries(config.on)) add(event, titles.get(event) ?? event, 'event', t);
    if (isObj(config.after)) {
      for (const [delay, t] of Object.entries(config.after)) {
        const d = delays[delay] ?? (/^\d+$/.test(delay) ? Number(delay) : delay);
        add(`after:${delay}`, `期满（${durationTitle(d)}）`, 'after', t);
      }
    }
    if (config.always) add('always', '自动', 'always', config.always);
    if (isObj(config.onDone) || typeof config.onDone === 'string' || Array.isArray(config.onDone)) add('done', '完成', 'always', config.onDone);
  }
  return { nodes, edges, roots };
}
