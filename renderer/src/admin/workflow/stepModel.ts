// The workflow as a list of steps for administrators who do not write JSON, both ways: read from
// the XState config when it only uses what the step editor shows (one task per step, decisions
// with a target and effects, final steps), and written back as XState JSON. Anything else (timers,
// guards, nested or parallel states …) is reported, and the workflow is then edited as JSON only.
import type { WorkflowConfig } from '../../api/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (o: Obj, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

export type StepKind = 'applicant' | 'task' | 'final-approved' | 'final-rejected' | 'final';
export const STEP_KINDS: Record<StepKind, string> = {
  applicant: '申请人填写（可修改表单）', task: '部门办理', 'final-approved': '办结：通过', 'final-rejected': '办结：不通过', final: '结束（其他）',
};
export const isFinal = (k: StepKind) => k.startsWith('final');

export interface Effect { type: string; params: Obj }

/** A decision that keeps the case where it is (e.g. 更新信息: its effects run, the step stays). */
export const STAY = '$stay';

export interface Decision {
  event: string;
  title: string;
  target: string;
  form?: string;
  validate?: boolean;
  actions: Effect[];
}

export interface Step {
  key: string;
  title: string;
  kind: StepKind;
  taskName: string;
  taskTitle: string;
  role: string;
  scope: string;
  due?: string;
  decisions: Decision[];
  /** Outcome word of a final step other than approved/rejected. */
  outcome?: string;
}

export interface ReadSteps { steps: Step[] | null; reasons: string[] }

export function readSteps(workflow: WorkflowConfig | undefined): ReadSteps {
  const reasons: string[] = [];
  const wf = (workflow ?? {}) as Obj;
  const extra = Object.keys(wf).filter((k) => !['id', 'initial', 'states', 'description'].includes(k));
  if (extra.length) reasons.push(`流程使用了 ${extra.join('、')}`);
  if (!isObj(wf.states)) return { steps: [], reasons };
  const steps: Step[] = [];
  for (const [key, raw] of Object.entries(wf.states)) {
    const where = `环节「${key}」`;
    if (!isObj(raw)) { reasons.push(`${where}不是对象`); continue; }
    if (!only(raw, ['meta', 'on', 'type'])) { reasons.push(`${where}使用了 ${Object.keys(raw).filter((k) => !['meta', 'on', 'type'].includes(k)).join('、')}（如定时、自动流转、嵌套环节）`); continue; }
    const meta = isObj(raw.meta) ? raw.meta : {};
    const title = typeof meta.title === 'string' ? meta.title : key;
    if (raw.type === 'final') {
      if (!only(meta, ['title', 'outcome']) || raw.on !== undefined) { reasons.push(`${where}（办结环节）带有其他设置`); continue; }
      const outcome = typeof meta.outcome === 'string' ? meta.outcome : undefined;
      const kind: StepKind = outcome === 'approved' ? 'final-approved' : outcome === 'rejected' ? 'final-rejected' : 'final';
      steps.push({ key, title, kind, taskName: '', taskTitle: '', role: '', scope: '', decisions: [], outcome: kind === 'final' ? outcome : undefined });
      continue;
    }
    if (raw.type !== undefined) { reasons.push(`${where}的类型为 ${String(raw.type)}`); continue; }
    if (!only(meta, ['title', 'editable', 'tasks'])) { reasons.push(`${where}使用了 ${Object.keys(meta).filter((k) => !['title', 'editable', 'tasks'].includes(k)).join('、')}`); continue; }
    const tasks = Array.isArray(meta.tasks) ? meta.tasks : [];
    if (tasks.length !== 1 || !isObj(tasks[0])) { reasons.push(`${where}有 ${tasks.length} 个办理事项（环节编辑器每个环节只显示一个）`); continue; }
    const task = tasks[0];
    if (!only(task, ['name', 'title', 'role', 'scope', 'due', 'events'])) { reasons.push(`${where}的办理事项使用了会签等设置`); continue; }
    const events = isObj(task.events) ? task.events : {};
    const on = isObj(raw.on) ? raw.on : {};
    const decisions: Decision[] = [];
    let ok = true;
    for (const [event, def] of Object.entries(events)) {
      if (!isObj(def) || !only(def, ['title', 'form', 'validate'])) { ok = false; break; }
      const t = on[event];
      let target = '';
      let actions: Effect[] = [];
      if (typeof t === 'string') target = t;
      else if (isObj(t) && only(t, ['target', 'actions']) && (t.target === undefined || typeof t.target === 'string')) {
        target = (t.target as string | undefined) ?? STAY;
        const list = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
        if (!list.every((a) => isObj(a) && typeof a.type === 'string' && only(a, ['type', 'params']))) { ok = false; break; }
        actions = (list as Obj[]).map((a) => ({ type: a.type as string, params: isObj(a.params) ? a.params : {} }));
      } else if (t !== undefined) { ok = false; break; }
      if (target !== STAY && (target.startsWith('#') || target.includes('.'))) { ok = false; break; }
      decisions.push({
        event, title: typeof def.title === 'string' ? def.title : event, target, actions,
        ...(typeof def.form === 'string' ? { form: def.form } : {}), ...(def.validate === true ? { validate: true } : {}),
      });
    }
    const unhandled = Object.keys(on).filter((e) => !(e in events));
    if (!ok || unhandled.length) { reasons.push(`${where}的决定使用了条件或其他写法${unhandled.length ? `（${unhandled.join('、')} 不属于办理事项）` : ''}`); continue; }
    steps.push({
      key, title, kind: meta.editable === true ? 'applicant' : 'task',
      taskName: typeof task.name === 'string' ? task.name : key, taskTitle: typeof task.title === 'string' ? task.title : '',
      role: typeof task.role === 'string' ? task.role : '', scope: typeof task.scope === 'string' ? task.scope : '',
      ...(typeof task.due === 'string' ? { due: task.due } : {}), decisions,
    });
  }
  if (reasons.length) return { steps: null, reasons };
  // The first step is where a case starts.
  const initial = typeof wf.initial === 'string' ? wf.initial : steps[0]?.key;
  const i = steps.findIndex((s) => s.key === initial);
  if (i > 0) steps.unshift(...steps.splice(i, 1));
  return { steps, reasons };
}

export function writeSteps(steps: Step[], previous: WorkflowConfig | undefined): WorkflowConfig {
  const states: Obj = {};
  for (const s of steps) {
    if (isFinal(s.kind)) {
      const outcome = s.kind === 'final-approved' ? 'approved' : s.kind === 'final-rejected' ? 'rejected' : s.outcome;
      states[s.key] = { type: 'final', meta: { title: s.title, ...(outcome ? { outcome } : {}) } };
      continue;
    }
    const events: Obj = {};
    const on: Obj = {};
    for (const d of s.decisions) {
      events[d.event] = { title: d.title, ...(d.form ? { form: d.form } : {}), ...(d.validate ? { validate: true } : {}) };
      const actions = d.actions.length ? { actions: d.actions.map((a) => ({ type: a.type, params: a.params })) } : {};
      if (d.target === STAY) on[d.event] = actions;
      else if (d.target) on[d.event] = { target: d.target, ...actions };
    }
    const task = { name: s.taskName || s.key, title: s.taskTitle, role: s.role, scope: s.scope, ...(s.due ? { due: s.due } : {}), events };
    states[s.key] = { meta: { title: s.title, ...(s.kind === 'applicant' ? { editable: true } : {}), tasks: [task] }, on };
  }
  const prev = (previous ?? {}) as Obj;
  return {
    ...(typeof prev.id === 'string' ? { id: prev.id } : {}),
    ...(typeof prev.description === 'string' ? { description: prev.description } : {}),
    initial: steps[0]?.key ?? '',
    states,
  };
}

/** Renames a step key and every decision that leads to it. */
export function renameStep(steps: Step[], from: string, to: string): Step[] {
  return steps.map((s) => ({
    ...s, key: s.key === from ? to : s.key,
    decisions: s.decisions.map((d) => (d.target === from ? { ...d, target: to } : d)),
  }));
}

const KEY_HINTS: Record<string, string> = {
  草稿: 'draft', 待提交: 'draft', 待受理: 'submitted', 已提交: 'submitted', 待审核: 'review', 已受理: 'accepted', 待复核: 'recheck',
  待审批: 'approval', 已备案: 'approved', 审核通过: 'approved', 已通过: 'approved', 不予备案: 'rejected', 不予受理: 'refused',
  已退回: 'returned', 退回补正: 'returned', 已办结: 'done', 办结: 'done', 已撤回: 'withdrawn', 公示中: 'publicity',
};

export const STEP_KEY = /^[a-z][a-zA-Z0-9_-]{0,40}$/;

/** A state key for a step title: the usual word for a known title, else stepN. */
export function suggestKey(title: string, taken: string[]): string {
  const hint = KEY_HINTS[title.trim()];
  if (hint && !taken.includes(hint)) return hint;
  for (let i = 1; ; i++) if (!taken.includes(`step${i}`)) return `step${i}`;
}

/** Due times the step editor writes: 3 天 → P3D, 4 小时 → PT4H; anything else is shown as written. */
export function parseDue(due: string | undefined): { n: number; unit: 'D' | 'H' } | null {
  const m = /^P(\d+)D$/.exec(due ?? '') ?? /^PT(\d+)H$/.exec(due ?? '');
  if (!m) return null;
  return { n: Number(m[1]), unit: due!.startsWith('PT') ? 'H' : 'D' };
}
export const formatDue = (n: number, unit: 'D' | 'H') => (unit === 'D' ? `P${n}D` : `PT${n}H`);
