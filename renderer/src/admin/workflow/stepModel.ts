// The workflow as a list of steps for administrators who do not write JSON, both ways: read from
// the XState config and written back as XState JSON. A step has who acts (one task, or several
// people for a 会签), decisions with guarded branches (条件分支), timers (期限到期自动办理),
// automatic moves (自动环节), effects on entering and leaving, and sub-steps that run one after the
// other or side by side (并行审批) and then go on (onDone). Anything else is reported with the
// reason, and the workflow is then edited as JSON only.
import type { WorkflowConfig } from '../../api/model';
import { identifierFrom } from '../identifiers';
import { isObj, only, readBranches, readEffects, writeBranches, type Branch, type Effect } from './transitions';

export { STAY, type Branch, type Effect, type Guard } from './transitions';
type Obj = Record<string, unknown>;

export type StepKind = 'applicant' | 'task' | 'auto' | 'final-approved' | 'final-rejected' | 'final';
export const STEP_KINDS: Record<StepKind, string> = {
  applicant: '申请人填写（可修改表单）', task: '部门办理', auto: '自动环节（无人办理）',
  'final-approved': '办结：通过', 'final-rejected': '办结：不通过', final: '结束（其他）',
};
export const isFinal = (k: StepKind) => k.startsWith('final');

export interface Decision {
  event: string;
  title: string;
  /** Where it leads: one branch, or guarded branches tried in order (the last usually without a condition). */
  branches: Branch[];
  form?: string;
  validate?: boolean;
  /** False when the event is offered by a sub-step's task and handled here, on the parent. */
  declared: boolean;
}

/** Another task in the same step: other people who may take the same decisions (e.g. 窗口 or 审核科). */
export interface OtherTask { name: string; title: string; role: string; scope: string; events: Obj }

export interface Timer { delay: string; branches: Branch[] }

export interface Step {
  key: string;
  title: string;
  kind: StepKind;
  taskName: string;
  taskTitle: string;
  role: string;
  scope: string;
  due?: string;
  /** The task goes to the organisation named by this data field (e.g. the property company). */
  orgField?: string;
  /** 会签: one task per user listed in this data field; `all` moves on only when everyone decided. */
  assignees?: string;
  completion?: 'all';
  collectInto?: string;
  otherTasks?: OtherTask[];
  decisions: Decision[];
  timers: Timer[];
  /** 自动环节: branches taken as soon as their condition holds, without anyone deciding. */
  always: Branch[];
  entry: Effect[];
  exit: Effect[];
  /** Sub-steps: the first is where the step starts; with `parallel` they all run at once. */
  children?: Step[];
  parallel?: boolean;
  /** Where the step goes once its sub-steps have all finished. */
  onDone: Branch[];
  public?: boolean;
  /** Outcome word of a final step other than approved/rejected. */
  outcome?: string;
}

export interface ReadSteps { steps: Step[] | null; reasons: string[] }

const STATE_KEYS = ['meta', 'on', 'type', 'after', 'always', 'entry', 'exit', 'initial', 'states', 'onDone'];
const TASK_KEYS = ['name', 'title', 'role', 'scope', 'due', 'events', 'orgField', 'assignees', 'completion', 'collectInto'];

export function emptyStep(key: string, title: string, kind: StepKind): Step {
  return { key, title, kind, taskName: '', taskTitle: '', role: '', scope: '', decisions: [], timers: [], always: [], entry: [], exit: [], onDone: [] };
}

function readState(key: string, raw: unknown, reasons: string[], where: string): Step | null {
  const bad = (why: string) => { reasons.push(`${where}${why}`); return null; };
  if (!isObj(raw)) return bad('不是对象');
  const extra = Object.keys(raw).filter((k) => !STATE_KEYS.includes(k));
  if (extra.length) return bad(`使用了 ${extra.join('、')}`);
  const meta = isObj(raw.meta) ? raw.meta : {};
  const metaExtra = Object.keys(meta).filter((k) => !['title', 'editable', 'tasks', 'outcome', 'public'].includes(k));
  if (metaExtra.length) return bad(`使用了 ${metaExtra.join('、')}`);
  const step = emptyStep(key, typeof meta.title === 'string' ? meta.title : key, 'auto');
  if (typeof meta.public === 'boolean') step.public = meta.public;
  const effects = (v: unknown, what: string) => readEffects(v) ?? (bad(`的${what}写法无法显示`), null);
  const entry = effects(raw.entry, '进入时操作');
  const exit = effects(raw.exit, '离开时操作');
  if (!entry || !exit) return null;
  step.entry = entry;
  step.exit = exit;
  if (raw.type === 'final') {
    if (meta.tasks !== undefined || meta.editable !== undefined || raw.on !== undefined || raw.states !== undefined) return bad('（办结环节）带有其他设置');
    const outcome = typeof meta.outcome === 'string' ? meta.outcome : undefined;
    step.kind = outcome === 'approved' ? 'final-approved' : outcome === 'rejected' ? 'final-rejected' : 'final';
    if (step.kind === 'final') step.outcome = outcome;
    return step;
  }
  if (meta.outcome !== undefined) return bad('带有办结结果却不是办结环节');
  if (raw.type !== undefined && raw.type !== 'parallel') return bad(`的类型为 ${String(raw.type)}`);
  const tasks = Array.isArray(meta.tasks) ? meta.tasks : [];
  if (!tasks.every((t) => isObj(t) && only(t, TASK_KEYS))) return bad('的办理事项使用了其他设置');
  const declared = new Map<string, Obj>();
  if (tasks.length) {
    const task = tasks[0] as Obj;
    const str = (k: string) => (typeof task[k] === 'string' ? task[k] as string : undefined);
    Object.assign(step, {
      kind: meta.editable === true ? 'applicant' : 'task', taskName: str('name') ?? key, taskTitle: str('title') ?? '',
      role: str('role') ?? '', scope: str('scope') ?? '',
    });
    for (const k of ['due', 'orgField', 'assignees', 'collectInto'] as const) if (str(k) !== undefined) step[k] = str(k);
    if (task.completion === 'all') step.completion = 'all';
    else if (task.completion !== undefined) return bad('的会签完成方式无法显示');
    if (tasks.length > 1) {
      step.otherTasks = (tasks.slice(1) as Obj[]).map((t) => ({ name: String(t.name ?? ''), title: String(t.title ?? ''), role: String(t.role ?? ''), scope: String(t.scope ?? ''), events: isObj(t.events) ? t.events : {} }));
      if (!(tasks.slice(1) as Obj[]).every((t) => only(t, ['name', 'title', 'role', 'scope', 'events']))) return bad('的其他办理事项使用了其他设置');
    }
    for (const [ev, def] of Object.entries(isObj(task.events) ? task.events : {})) {
      if (!isObj(def) || !only(def, ['title', 'form', 'validate'])) return bad(`的决定「${ev}」使用了其他设置`);
      declared.set(ev, def);
    }
  } else if (meta.editable !== undefined) return bad('可修改表单却没有办理事项');
  const on = isObj(raw.on) ? raw.on : {};
  for (const ev of new Set([...declared.keys(), ...Object.keys(on)])) {
    const def = declared.get(ev);
    const branches = on[ev] === undefined ? [] : readBranches(on[ev]);
    if (!branches) return bad(`的决定「${ev}」的去向写法无法显示`);
    step.decisions.push({
      event: ev, title: typeof def?.title === 'string' ? def.title : ev, branches, declared: !!def,
      ...(typeof def?.form === 'string' ? { form: def.form } : {}), ...(def?.validate === true ? { validate: true } : {}),
    });
  }
  if (raw.after !== undefined) {
    if (!isObj(raw.after)) return bad('的定时写法无法显示');
    for (const [delay, t] of Object.entries(raw.after)) {
      const branches = readBranches(t);
      if (!branches) return bad(`的定时「${delay}」写法无法显示`);
      step.timers.push({ delay, branches });
    }
  }
  for (const [k, what] of [['always', '自动流转'], ['onDone', '完成后去向']] as const) {
    if (raw[k] === undefined) continue;
    const branches = readBranches(raw[k]);
    if (!branches) return bad(`的${what}写法无法显示`);
    step[k] = branches;
  }
  if (raw.states !== undefined) {
    if (!isObj(raw.states)) return bad('的子环节不是对象');
    const children = readList(raw.states, raw.type === 'parallel' ? undefined : raw.initial, reasons, `${where}的子环节`);
    if (!children) return null;
    step.children = children;
    if (raw.type === 'parallel') step.parallel = true;
  } else if (raw.type === 'parallel' || raw.initial !== undefined) return bad('没有子环节');
  return step;
}

function readList(states: Obj, initial: unknown, reasons: string[], where: string): Step[] | null {
  const steps: Step[] = [];
  const before = reasons.length;
  for (const [key, raw] of Object.entries(states)) {
    const s = readState(key, raw, reasons, `${where}「${key}」`);
    if (s) steps.push(s);
  }
  if (reasons.length > before) return null;
  // The first step is where a case (or the parent step) starts.
  const i = steps.findIndex((s) => s.key === (typeof initial === 'string' ? initial : steps[0]?.key));
  if (i > 0) steps.unshift(...steps.splice(i, 1));
  return steps;
}

export function readSteps(workflow: WorkflowConfig | undefined): ReadSteps {
  const reasons: string[] = [];
  const wf = (workflow ?? {}) as Obj;
  const extra = Object.keys(wf).filter((k) => !['id', 'initial', 'states', 'description'].includes(k));
  if (extra.length) reasons.push(`流程使用了 ${extra.join('、')}`);
  if (!isObj(wf.states)) return { steps: reasons.length ? null : [], reasons };
  const steps = readList(wf.states, wf.initial, reasons, '环节');
  return reasons.length ? { steps: null, reasons } : { steps, reasons };
}

function writeState(s: Step): Obj {
  const list = (k: 'entry' | 'exit') => (s[k].length ? { [k]: s[k].map((a) => ({ type: a.type, params: a.params })) } : {});
  const always = writeBranches(s.always);
  const onDone = writeBranches(s.onDone);
  const rest = {
    ...list('entry'), ...list('exit'),
    ...(s.timers.length ? { after: Object.fromEntries(s.timers.map((t) => [t.delay, writeBranches(t.branches) ?? {}])) } : {}),
    ...(always ? { always } : {}),
    ...(s.children ? { ...(s.parallel ? { type: 'parallel' } : { initial: s.children[0]?.key ?? '' }), states: writeList(s.children) } : {}),
    ...(onDone ? { onDone } : {}),
  };
  const pub = s.public !== undefined ? { public: s.public } : {};
  if (isFinal(s.kind)) {
    const outcome = s.kind === 'final-approved' ? 'approved' : s.kind === 'final-rejected' ? 'rejected' : s.outcome;
    return { type: 'final', meta: { title: s.title, ...(outcome ? { outcome } : {}), ...pub }, ...list('entry'), ...list('exit') };
  }
  const events: Obj = {};
  const on: Obj = {};
  for (const d of s.decisions) {
    if (d.declared) events[d.event] = { title: d.title, ...(d.form ? { form: d.form } : {}), ...(d.validate ? { validate: true } : {}) };
    // A decision with no branch leading anywhere is offered but not handled: lint says so.
    const t = writeBranches(d.branches);
    if (t !== undefined) on[d.event] = t;
  }
  const tasks = s.kind === 'auto' ? [] : [
    {
      name: s.taskName || s.key, title: s.taskTitle, role: s.role, scope: s.scope,
      ...(s.due ? { due: s.due } : {}), ...(s.orgField ? { orgField: s.orgField } : {}), ...(s.assignees ? { assignees: s.assignees } : {}),
      ...(s.completion ? { completion: s.completion } : {}), ...(s.collectInto ? { collectInto: s.collectInto } : {}), events,
    },
    ...(s.otherTasks ?? []).map((t) => ({ ...t })),
  ];
  return {
    meta: { title: s.title, ...(s.kind === 'applicant' ? { editable: true } : {}), ...pub, ...(tasks.length ? { tasks } : {}) },
    ...(Object.keys(on).length ? { on } : {}),
    ...rest,
  };
}

const writeList = (steps: Step[]): Obj => Object.fromEntries(steps.map((s) => [s.key, writeState(s)]));

export function writeSteps(steps: Step[], previous: WorkflowConfig | undefined): WorkflowConfig {
  const prev = (previous ?? {}) as Obj;
  return {
    ...(typeof prev.id === 'string' ? { id: prev.id } : {}),
    ...(typeof prev.description === 'string' ? { description: prev.description } : {}),
    initial: steps[0]?.key ?? '',
    states: writeList(steps),
  } as WorkflowConfig;
}

/** Renames a step key and every branch among its siblings (and their sub-steps) that leads to it. */
export function renameStep(steps: Step[], from: string, to: string): Step[] {
  const fix = (bs: Branch[]) => bs.map((b) => (b.target === from ? { ...b, target: to } : b));
  return steps.map((s) => ({
    ...s, key: s.key === from ? to : s.key,
    decisions: s.decisions.map((d) => ({ ...d, branches: fix(d.branches) })),
    timers: s.timers.map((t) => ({ ...t, branches: fix(t.branches) })),
    always: fix(s.always), onDone: fix(s.onDone),
  }));
}

export const STEP_KEY = /^[a-z][a-zA-Z0-9_-]{0,40}$/;

/** Due times the step editor writes: 3 天 → P3D, 4 小时 → PT4H; anything else is shown as written. */
export function parseDue(due: string | undefined): { n: number; unit: 'D' | 'H' } | null {
  const m = /^P(\d+)D$/.exec(due ?? '') ?? /^PT(\d+)H$/.exec(due ?? '');
  if (!m) return null;
  return { n: Number(m[1]), unit: due!.startsWith('PT') ? 'H' : 'D' };
}
export const formatDue = (n: number, unit: 'D' | 'H') => (unit === 'D' ? `P${n}D` : `PT${n}H`);

const KEY_HINTS: Record<string, string> = {
  草稿: 'draft', 待提交: 'draft', 待受理: 'submitted', 已提交: 'submitted', 待审核: 'review', 已受理: 'accepted', 待复核: 'recheck',
  待审批: 'approval', 已备案: 'approved', 审核通过: 'approved', 已通过: 'approved', 不予备案: 'rejected', 不予受理: 'refused',
  已退回: 'returned', 退回补正: 'returned', 已办结: 'done', 办结: 'done', 已撤回: 'withdrawn', 公示中: 'publicity',
};

/** A step key for a title: the usual English word of a well-known title (待受理 → submitted), else its pinyin (会签 → huiQian). */
export function stepKeyFor(title: string, taken: string[]): string {
  const hint = KEY_HINTS[title.trim()];
  return hint && !taken.includes(hint) ? hint : identifierFrom(title, taken, 'camel');
}
