// The diagram starts at the start step: for 装修备案 (built in the console, with 退回补正 back to
// 草稿) and every built-in workflow, no top-level step is drawn left of the initial one, and the
// graph lists each initial state first.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { buildGraph } from '../renderer/src/workflow/graph.js';
import { layoutGraph } from '../renderer/src/workflow/layout.js';

const read = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, ...p), 'utf8'));
const workflows = [
  read('test', 'fixtures', 'bundles', 'renovation-filing.bundle.json').versions[0].workflow,
  ...fs.readdirSync(path.join(ROOT_DIR, 'workflows')).sort().map((f) => read('workflows', f)),
];

describe('流程图从起始环节开始', () => {
  for (const wf of workflows) {
    it(`${wf.id}: the start step「${wf.states[wf.initial].meta.title}」is leftmost`, async () => {
      const graph = buildGraph(wf);
      expect(graph.roots[0]).toBe(wf.initial);
      const layout = await layoutGraph(graph);
      const start = layout.nodes.get(wf.initial)!;
      // Steps of the same layer differ by their width only (a few px): earlier means a whole layer.
      const left = graph.roots.filter((r) => layout.nodes.get(r)!.x + layout.nodes.get(r)!.width <= start.x);
      expect(left).toEqual([]);
    });
  }
});
