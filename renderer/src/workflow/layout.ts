// Lays the workflow graph out with ELK (layered, left to right, nested states inside their
// parent). elkjs is large, so it is loaded only when a diagram is drawn.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { WfGraph } from './graph';

export interface Placed { id: string; x: number; y: number; width: number; height: number; compound: boolean }
export interface PlacedEdge { id: string; points: Array<{ x: number; y: number }>; label?: { x: number; y: number; width: number; height: number; text: string } }
export interface Layout { width: number; height: number; nodes: Map<string, Placed>; edges: Map<string, PlacedEdge> }

/** Width of a label in px at 13px: CJK characters are square, Latin about half. */
export function textWidth(s: string, size = 13): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6;
  return Math.ceil(w);
}

let elk: Promise<{ layout(g: ElkNode): Promise<ElkNode> }> | undefined;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

export async function layoutGraph(graph: WfGraph): Promise<Layout> {
  const toElk = (id: string): ElkNode => {
    const n = graph.nodes.get(id)!;
    if (n.children.length) {
      return {
        id, children: n.children.map(toElk),
        layoutOptions: { 'elk.padding': '[top=34,left=14,bottom=14,right=14]' },
      };
    }
    // The start step is drawn leftmost even when a 退回 leads back to it (ELK would otherwise
    // break that cycle wherever it likes, e.g. 待受理 left of 草稿).
    const first = n.initial && !n.parent ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {};
    return { id, width: Math.max(88, textWidth(n.title, 14) + 36), height: 44, ...first };
  };
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Cycles are broken along a depth-first walk from the start, so the steps read in the order
      // a case goes through them and a 退回 is drawn as the edge going back.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: graph.roots.map(toElk),
    edges: graph.edges.map((e): ElkExtendedEdge => ({
      id: e.id, sources: [e.source], targets: [e.target],
      labels: [{ text: e.label, width: textWidth(e.label, 12) + 8, height: 18 }],
    })),
  };
  const out = await (await loadElk()).layout(root);
  const nodes = new Map<string, Placed>();
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      nodes.set(c.id, { id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0, compound: !!c.children?.length });
      visit(c);
    }
  };
  visit(out);
  const edges = new Map<string, PlacedEdge>();
  const collect = (n: ElkNode) => {
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      const s = e.sections?.[0];
      if (!s) continue;
      const l = e.labels?.[0];
      edges.set(e.id, {
        id: e.id,
        points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint],
        label: l && l.text ? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0, text: l.text } : undefined,
      });
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(out);
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}
