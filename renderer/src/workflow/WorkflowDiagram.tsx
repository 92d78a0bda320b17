// The case's workflow as a picture: every state of its type version, the current one
// highlighted, the states and transitions the case has passed through drawn in blue.
import { useEffect, useMemo, useState } from 'react';
import type { HistoryEntry, WorkflowConfig } from '../api/model';
import { buildGraph, type Delays } from './graph';
import { layoutGraph, type Layout } from './layout';
import { ScrollRegion } from '../ui/ScrollRegion';

interface Props {
  workflow: WorkflowConfig;
  delays?: Delays;
  /** Current state value ('accepted' or 'a.b,c.d' for parallel states). */
  current?: string;
  history?: HistoryEntry[];
  title?: string;
}

function pathD(points: Array<{ x: number; y: number }>): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

export function WorkflowDiagram({ workflow, delays, current, history = [], title = '业务流程图' }: Props) {
  const graph = useMemo(() => buildGraph(workflow, delays), [workflow, delays]);
  const [layout, setLayout] = useState<Layout>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    layoutGraph(graph).then((l) => { if (live) setLayout(l); }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, [graph]);

  const currentLeaves = (current ?? '').split(',').filter(Boolean);
  const isCurrent = (id: string) => currentLeaves.some((l) => l === id || l.startsWith(`${id}.`));
  const visited = new Set<string>();
  for (const h of history) for (const s of [h.fromState, h.toState]) for (const leaf of (s ?? '').split(',').filter(Boolean)) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) visited.add(parts.slice(0, i).join('.'));
  }
  const within = (leafValue: string | null, node: string) => (leafValue ?? '').split(',').some((l) => l === node || l.startsWith(`${node}.`));
  const taken = new Set(graph.edges.filter((e) => history.some((h) => h.fromState && h.toState && within(h.fromState, e.source) && within(h.toState, e.target)
    && (e.kind !== 'event' || h.event === e.event))).map((e) => e.id));

  const steps = [...graph.nodes.values()].filter((n) => !n.children.length);
  const currentTitles = steps.filter((n) => isCurrent(n.id)).map((n) => n.title).join('、');

  if (failed) {
    return <ol className="wf-fallback">{steps.map((n) => <li key={n.id} className={isCurrent(n.id) ? 'current' : visited.has(n.id) ? 'visited' : ''}>{n.title}</li>)}</ol>;
  }
  if (!layout) return <div className="wf-loading">正在绘制流程图…</div>;

  return (
    <figure className="wf">
      <ScrollRegion label={title} className="wf-scroll">
        <svg
          className="wf-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          // Scales down to its box, but not below 60% (then the box scrolls sideways).
          style={{ width: '100%', maxWidth: layout.width, minWidth: Math.round(layout.width * 0.6), height: 'auto' }}
          role="img"
          aria-label={`${title}：共 ${steps.length} 个环节${currentTitles ? `，当前环节为${currentTitles}` : ''}`}
        >
          <defs>
            <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#9aa5b1" />
            </marker>
            <marker id="wf-arrow-taken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#1a5fb4" />
            </marker>
          </defs>
          {[...graph.nodes.values()].filter((n) => n.children.length).map((n) => {
            const p = layout.nodes.get(n.id);
            if (!p) return null;
            return (
              <g key={n.id} className={`wf-group ${isCurrent(n.id) ? 'current' : ''}`}>
                <rect x={p.x} y={p.y} width={p.width} height={p.height} rx={8} />
                <text x={p.x + 12} y={p.y + 21}>{n.title}</text>
              </g>
            );
          })}
          {graph.edges.map((e) => {
            const p = layout.edges.get(e.id);
            if (!p) return null;
            const on = taken.has(e.id);
            return (
              <g key={e.id} className={`wf-edge ${on ? 'taken' : ''} ${e.kind}`}>
                <path d={pathD(p.points)} markerEnd={`url(#${on ? 'wf-arrow-taken' : 'wf-arrow'})`} />
                {p.label && (
                  <g className="wf-edge-label">
                    <rect x={p.label.x - 2} y={p.label.y - 1} width={p.label.width + 4} height={p.label.height + 2} rx={3} />
                    <text x={p.label.x + p.label.width / 2} y={p.label.y + p.label.height / 2 + 4} textAnchor="middle">{p.label.text}</text>
                  </g>
                )}
              </g>
            );
          })}
          {steps.map((n) => {
            const p = layout.nodes.get(n.id);
            if (!p) return null;
            const cls = isCurrent(n.id) ? 'current' : visited.has(n.id) ? 'visited' : '';
            return (
              <g key={n.id} className={`wf-node ${cls} ${n.final ? 'final' : ''}`}>
                <title>{`${n.title}${cls === 'current' ? '（当前环节）' : cls === 'visited' ? '（已经过）' : ''}`}</title>
                {n.final && <rect x={p.x - 3} y={p.y - 3} width={p.width + 6} height={p.height + 6} rx={p.height / 2 + 3} className="wf-final-ring" />}
                <rect x={p.x} y={p.y} width={p.width} height={p.height} rx={n.final ? p.height / 2 : 6} />
                {n.initial && !n.final && <circle cx={p.x} cy={p.y + p.height / 2} r={4} className="wf-initial" />}
                <text x={p.x + p.width / 2} y={p.y + p.height / 2 + 5} textAnchor="middle">{n.title}</text>
              </g>
            );
          })}
        </svg>
      </ScrollRegion>
      <figcaption className="wf-legend">
        <span><i className="lg current" />当前环节</span>
        <span><i className="lg visited" />已经过</span>
        <span><i className="lg" />未经过</span>
        <span><i className="lg final" />办结</span>
        {currentTitles && <span className="wf-now">当前：<strong>{currentTitles}</strong></span>}
      </figcaption>
    </figure>
  );
}
