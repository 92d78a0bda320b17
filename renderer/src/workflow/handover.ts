// Whether an applicant's button hands the case over: the event (or, for a type without drafts,
// the creation) takes the case out of the states where the applicant may still edit it (meta
// `editable`). Such a click cannot be taken back by the applicant, so the page asks first
// (case/SubmitConfirm.tsx); 保存 / 保存修改 that keep the case editable do not ask.
import type { WorkflowConfig } from '../api/model';
import { buildGraph, type WfGraph } from './graph';

export interface Handover {
  /** Title of the state the case goes to; null when the event may lead to several. */
  stateTitle: string | null;
  /** Every state it may go to is final: nothing follows. */
  final: boolean;
}

/** The leaf a transition into `id` enters: initial children down to the bottom. */
function entered(graph: WfGraph, id: string): string[] {
  const path = [id];
  for (let node = graph.nodes.get(id); node?.children.length;) {
    const next = node.children.find((c) => graph.nodes.get(c)?.initial) ?? node.children[0];
    path.push(next);
    node = graph.nodes.get(next);
  }
  return path;
}

function describe(graph: WfGraph, targets: string[]): Handover | null {
  const away = targets.filter((t) => !entered(graph, t).some((n) => graph.nodes.get(n)?.editable));
  if (!away.length) return null;
  const titles = [...new Set(away.map((t) => graph.nodes.get(t)!.title))];
  // 待派单（急修）and 待派单 (a guarded choice between two children): their parent's title.
  const paths = away.map((t) => t.split('.'));
  let depth = 0;
  while (paths.every((p) => p.length > depth && p[depth] === paths[0][depth])) depth++;
  const parent = depth ? graph.nodes.get(paths[0].slice(0, depth).join('.')) : undefined;
  const stateTitle = titles.length === 1 ? titles[0] : parent?.title ?? null;
  return { stateTitle, final: away.every((t) => entered(graph, t).some((n) => graph.nodes.get(n)?.final)) };
}

/**
 * Where `event` sent in `state` (a leaf's dotted path; parallel states comma-separated) takes the
 * case, when that is out of the editable states; null when the case stays editable or the event
 * has no target (an internal update).
 */
export function handoverOf(workflow: WorkflowConfig, state: string, event: string): Handover | null {
  const graph = buildGraph(workflow);
  const leaves = state.split(',');
  // A transition declared on an ancestor state applies in its descendants too.
  const targets = graph.edges
    .filter((e) => e.kind === 'event' && e.event === event && leaves.some((l) => l === e.source || l.startsWith(`${e.source}.`)))
    .map((e) => e.target);
  return describe(graph, targets);
}

/** For a type whose first state is not editable (no draft): where saving a new case puts it. */
export function startOf(workflow: WorkflowConfig): Handover | null {
  const graph = buildGraph(workflow);
  const initial = graph.roots.find((r) => graph.nodes.get(r)?.initial);
  return initial ? describe(graph, [initial]) : null;
}
