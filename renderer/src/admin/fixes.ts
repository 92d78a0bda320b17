// The repairs the console offers next to a workflow problem (the engine's check attaches a `fix` to
// the problems it knows how to mend, see engine/registry/lint-workflow.ts): a task offering an
// event nobody can send, titles for states that have none, an event name the API accepts. Each is
// a pure function from the workflow to a new one; the administrator sees the result in the step
// editor and the check runs again.
import type { TaskDef, WorkflowConfig, WorkflowFix } from '../../../engine/registry/types';

type StateNode = { states?: Record<string, StateNode>; meta?: { title?: string; tasks?: TaskDef[] }; on?: Record<string, unknown>; type?: string; [k: string]: unknown };

export type { WorkflowFix };

/** Every state node of a workflow with its path, outermost first. */
function walk(node: StateNode, path: string[] = [], out: Array<[string[], StateNode]> = []) {
  for (const [key, child] of Object.entries(node.states ?? {})) {
    out.push([[...path, key], child]);
    walk(child, [...path, key], out);
  }
  return out;
}

export function applyFix(workflow: WorkflowConfig, fix: WorkflowFix, role = 'reviewer'): WorkflowConfig {
  const wf = structuredClone(workflow) as unknown as StateNode;
  const states = walk(wf);
  if (fix.kind === 'addTask') {
    const node = states.find(([p]) => p.join('.') === fix.state)?.[1];
    if (!node) return workflow;
    const meta = (node.meta ??= {});
    const tasks = (meta.tasks ??= []);
    const event = { title: fix.event };
    // One task per role and state: the event is added to the role's task when there is one.
    const mine = tasks.find((t) => t.role === role);
    if (mine) mine.events = { ...mine.events, [fix.event]: event };
    else {
      tasks.push({
        name: `${fix.state.split('.').pop()}_${role}`.replace(/[^A-Za-z0-9_]/g, '_'),
        title: meta.title ?? fix.state, role, scope: role === 'applicant' ? 'org' : 'any', events: { [fix.event]: event },
      } as TaskDef);
    }
  }
  if (fix.kind === 'addTitles') {
    for (const [path, node] of states) {
      if (node.states || node.type === 'history' || node.meta?.title) continue;
      node.meta = { ...node.meta, title: path.join(' / ') };
    }
  }
  if (fix.kind === 'renameEvent') {
    for (const [, node] of states) {
      if (node.on && fix.from in node.on) node.on = Object.fromEntries(Object.entries(node.on).map(([k, v]) => [k === fix.from ? fix.to : k, v]));
      for (const t of node.meta?.tasks ?? []) {
        if (t.events && fix.from in t.events) t.events = Object.fromEntries(Object.entries(t.events).map(([k, v]) => [k === fix.from ? fix.to : k, v]));
      }
    }
  }
  return wf as unknown as WorkflowConfig;
}

/** What the button next to a problem says. */
export function fixLabel(fix: WorkflowFix): string {
  if (fix.kind === 'addTask') return `添加提供「${fix.event}」的待办`;
  if (fix.kind === 'addTitles') return '用环节标识补上缺少的名称';
  return `改名为 ${fix.to}`;
}
