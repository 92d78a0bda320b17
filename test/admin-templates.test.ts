// 新建业务类型's starting shapes and 从现有业务复制: every shape is a complete bundle the engine's
// check accepts and the simulator drives to a final step; a copy of 投诉处理 (whose workflow names
// itself in '#complaint.registering') passes the check under its new id; every shape opens in the
// step editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { SHAPES, bundleOfShape, copyBundle, type Shape } from '../renderer/src/admin/templates.js';
import { readSteps } from '../renderer/src/admin/workflow/stepModel.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

// The first decision of each step, from the start to a final step.
const PATHS: Record<Shape, string[]> = {
  blank: ['SUBMIT'], registration: ['SUBMIT', 'APPROVE'], review: ['SUBMIT', 'ACCEPT', 'APPROVE'], complaint: ['SUBMIT', 'ACCEPT', 'COMPLETE'],
};

describe('新建业务类型：起始模板与复制', () => {
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    it(`${SHAPES[shape].title}: passes the check, opens in the step editor and simulates to its end`, async () => {
      const admin = await app.login('admin');
      const bundle = bundleOfShape(shape, `shape-${shape}`, `${SHAPES[shape].title}测试`, '440604');
      expect((await admin.post('/api/admin/lint', bundle)).body.problems).toEqual([]);
      expect(readSteps(bundle.workflow).reasons).toEqual([]);
      const sim = await admin.post('/api/admin/simulate', { bundle, data: { district: '440604' }, events: PATHS[shape].map((event) => ({ event, decision: { opinion: '同意办理。' } })) });
      expect(sim.status).toBe(200);
      const steps = sim.body.steps as Array<{ event: string | null; final: boolean; errors: unknown[] }>;
      expect(steps.map((s) => s.event)).toEqual([null, ...PATHS[shape]]);
      expect(steps.every((s) => s.errors.length === 0)).toBe(true);
      expect(steps[steps.length - 1].final).toBe(true);
    });
  }

  it('从现有业务复制: 投诉处理 under a new id keeps its form and workflow and passes the check', async () => {
    const admin = await app.login('admin');
    const source = (await admin.get('/api/admin/types/complaint/draft')).body.bundle;
    const copy = copyBundle(source, 'complaint-copy', '投诉处理（副本）', 'CC');
    expect(JSON.stringify(copy.workflow)).toContain('#complaint-copy.registering');
    expect(JSON.stringify(copy.workflow)).not.toContain('#complaint.');
    expect(copy.schema.properties).toEqual(source.schema.properties);
    expect((await admin.post('/api/admin/lint', copy)).body.problems).toEqual([]);
  });
});
