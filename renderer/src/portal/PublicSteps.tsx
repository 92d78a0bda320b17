// The steps of a public service as the public sees them: the main line from the first step to
// the outcome (提交 → 待登记转办 → 待企业答复 → …), not the internal workflow diagram with its
// deadlines, escalations and recalls. The main line follows, from the initial state, the first
// event of each step that leads on to a step not yet shown (an ordinary step before an ending);
// timers and automatic steps are the department's business and not shown. The case's own state
// is marked; a case that left the main line (e.g. 不予受理) shows where it ended instead.
import type { WorkflowConfig } from '../api/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function targetsOf(node: Obj): string[] {
  const on = isObj(node.on) ? node.on : {};
  const out: string[] = [];
  for (const t of Object.values(on)) {
    for (const one of Array.isArray(t) ? t : [t]) {
      const target = typeof one === 'string' ? one : isObj(one) ? one.target : undefined;
      for (const x of Array.isArray(target) ? target : [target]) if (typeof x === 'string' && x) out.push(x.replace(/^\./, '').split('.')[0]);
    }
  }
  return out;
}

export function mainLine(workflow: WorkflowConfig): Array<{ id: string; title: string }> {
  const states = (isObj((workflow as Obj).states) ? (workflow as Obj).states : {}) as Record<string, Obj>;
  const title = (id: string) => String((isObj(states[id]?.meta) && (states[id].meta as Obj).title) || id);
  const line: string[] = [];
  let at = typeof workflow.initial === 'string' ? workflow.initial : Object.keys(states)[0];
  while (at && states[at] && !line.includes(at) && line.length < 12) {
    line.push(at);
    if (states[at].type === 'final') break;
    const next = targetsOf(states[at]).filter((x) => states[x] && !line.includes(x));
    at = next.find((x) => states[x].type !== 'final') ?? next[0];
  }
  return line.map((id) => ({ id, title: title(id) }));
}

export function PublicSteps({ workflow, current }: { workflow: WorkflowConfig; current?: string }) {
  const line = mainLine(workflow);
  const top = current?.split(',')[0].split('.')[0];
  const states = ((workflow as Obj).states ?? {}) as Record<string, Obj>;
  const reached = top ? line.findIndex((s) => s.id === top) : 0;
  const steps = reached < 0 && top && states[top]
    ? [...line.slice(0, 1), { id: top, title: String((isObj(states[top].meta) && (states[top].meta as Obj).title) || top) }]
    : line;
  const here = reached < 0 ? steps.length - 1 : reached;
  return (
    <ol className="steps public-steps" aria-label="办理步骤">
      {steps.map((s, i) => (
        <li key={s.id} className={i <= here ? 'on' : ''} aria-current={i === here ? 'step' : undefined}>{s.title}</li>
      ))}
    </ol>
  );
}
