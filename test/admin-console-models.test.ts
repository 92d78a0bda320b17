// The console's two-way editors, without a browser: a form read as a field list and written back
// is the same form (every built-in one, and 装修备案 with its condition and table); the example
// follows the fields; a workflow read as steps and written back is the same workflow, and one the
// step editor cannot show says why; lint problems land on the step and field they name, in Chinese.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { createAjv } from '../engine/validation/index.js';
import { newField, readForm, writeForm, type Field } from '../renderer/src/admin/form/fieldModel.js';
import { repairExample, retitleSamples, SAMPLE_ATTACHMENT } from '../renderer/src/admin/form/fieldSamples.js';
import { emptyStep, readSteps, renameStep, writeSteps } from '../renderer/src/admin/workflow/stepModel.js';
import { exprGuard } from '../renderer/src/admin/workflow/transitions.js';
import { formFieldOf, placeProblems, problemsAt, zhMessage } from '../renderer/src/admin/lint.js';
import { newBundle } from '../renderer/src/admin/newBundle.js';
import { loadPinyin } from '../renderer/src/admin/identifiers.js';

// New fields are named from their titles: the console loads the pinyin dictionary on first need.
beforeAll(() => loadPinyin());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc

const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, ...p), 'utf8')) as Json;
const renovation = readJson('test', 'fixtures', 'bundles', 'renovation-filing.bundle.json').versions[0] as Json;
const ids = fs.readdirSync(path.join(ROOT_DIR, 'types')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

function ajv() {
  const a = createAjv();
  a.addFormat('district', /^\d{6}$/);
  a.addFormat('street', /^\d{9}$/);
  return a;
}
/** Same content, whatever the key order. */
const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)])) : v);

describe('表单：字段列表与 JSON Schema 互相转换', () => {
  it('装修备案 read as fields and written back is the same schema (condition as if/then, 施工人员 as a table)', () => {
    const { fields, keptConditions } = readForm(renovation.schema, renovation.uiSchema);
    expect(keptConditions).toBe(0);
    expect(fields.find((f) => f.name === 'safetyReport')?.condition).toEqual({ expr: { '==': [{ var: 'data.structural' }, true] }, mode: 'require' });
    const workers = fields.find((f) => f.name === 'workers')!;
    expect(workers.kind).toBe('table');
    expect(workers.columns!.map((c) => [c.name, c.kind, c.format, c.required])).toEqual([['name', 'text', undefined, true], ['idNumber', 'text', 'idcard', true]]);
    const out = writeForm(renovation.schema, renovation.uiSchema, fields, fields.map((f) => f.name));
    expect(canon(out.schema)).toEqual(canon(renovation.schema));
    expect(out.uiSchema['ui:order']).toEqual(fields.map((f) => f.name));
    expect((out.uiSchema.workers as Json)['ui:options']).toEqual({ table: true });
  });

  for (const id of ids) {
    it(`${id}: reading and writing the field list keeps every field, the required ones and the example valid`, () => {
      const schema = readJson('forms', `${id}.schema.json`);
      const ui = fs.existsSync(path.join(ROOT_DIR, 'forms', `${id}.ui.json`)) ? readJson('forms', `${id}.ui.json`) : {};
      const { fields } = readForm(schema, ui);
      const out = writeForm(schema, ui, fields, fields.map((f) => f.name));
      expect(canon(out.schema.properties)).toEqual(canon(schema.properties));
      expect([...(out.schema.required as string[] ?? [])].sort()).toEqual([...(schema.required ?? [])].sort());
      for (const k of ['if', 'then', 'else', 'allOf', 'dependencies', 'examples']) expect(canon(out.schema[k])).toEqual(canon(schema[k]));
      expect(ajv().validate(out.schema, schema.examples[0])).toBe(true);
      // Written again, nothing moves: the list is a fixed point.
      const again = writeForm(out.schema, out.uiSchema, readForm(out.schema, out.uiSchema).fields, fields.map((f) => f.name));
      expect(canon(again)).toEqual(canon(out));
    });
  }

  it('a conditional attachment list requires at least one file, and reads back as the same condition', () => {
    const bundle = newBundle('renovation-filing', '装修备案', '440604');
    const structural: Field = { ...newField([], 'boolean', '是否涉及承重结构'), name: 'structural', required: true };
    const report: Field = { ...newField([], 'attachments', '结构安全鉴定报告'), name: 'safetyReport', condition: { expr: { '==': [{ var: 'data.structural' }, true] }, mode: 'require' } };
    const fields = [...readForm(bundle.schema, bundle.uiSchema).fields, structural, report];
    const out = writeForm(bundle.schema, bundle.uiSchema, fields, ['district']);
    expect(out.schema.then).toEqual({ required: ['safetyReport'], properties: { safetyReport: { minItems: 1 } } });
    expect(readForm(out.schema, out.uiSchema).fields.find((f) => f.name === 'safetyReport')?.condition?.mode).toBe('require');
    expect(out.uiSchema.safetyReport).toBeUndefined(); // the renderer gives attachment lists their upload widget (forms/enhance.ts)
    const validate = ajv().compile(out.schema);
    expect(validate({ district: '440604', structural: true, safetyReport: [] })).toBe(false);
    expect(validate({ district: '440604', structural: true, safetyReport: [SAMPLE_ATTACHMENT] })).toBe(true);
    expect(validate({ district: '440604', structural: false })).toBe(true);
  });

  it('the example follows the fields: new required fields get a valid sample, renamed ones keep their value, removed ones go', () => {
    const bundle = newBundle('renovation-filing', '装修备案', '440604');
    const before = readForm(bundle.schema, bundle.uiSchema).fields;
    const workers: Field = { ...newField(['district'], 'table', '施工人员'), name: 'workers', required: true };
    workers.columns = [{ ...workers.columns![0], title: '姓名' }, { name: 'idNumber', title: '身份证号', kind: 'text', format: 'idcard', required: true, rest: {}, ui: {} }];
    const room: Field = { ...newField([], 'text', '房号'), name: 'room', required: true, minLength: 8 };
    let fields = [...before, room, workers];
    let example = repairExample(bundle.schema.examples![0], fields, { previous: ['district'], fresh: 'workers', district: '440604' });
    const out = writeForm(bundle.schema, bundle.uiSchema, fields, ['district']);
    expect(ajv().validate(out.schema, example)).toBe(true);
    expect((example.room as string).length).toBeGreaterThanOrEqual(8);
    expect(example.workers).toEqual([{ name: '示例姓名', idNumber: '11010519491231002X' }]);

    fields = fields.map((f) => (f.name === 'room' ? { ...f, name: 'roomNo' } : f));
    example = repairExample({ ...example, room: '1栋1单元101' }, fields, { previous: ['district', 'room', 'workers'], renamed: ['room', 'roomNo'], district: '440604' });
    expect(example.roomNo).toBe('1栋1单元101');
    expect('room' in example).toBe(false);

    example = repairExample(example, fields.filter((f) => f.name !== 'workers'), { previous: ['district', 'roomNo', 'workers'], district: '440604' });
    expect('workers' in example).toBe(false);

    const fresh = { ...newField([], 'text', '新字段'), name: 'contractor', required: true };
    const withSample = repairExample(example, [...fields, fresh], { previous: ['district', 'roomNo'], fresh: 'contractor', district: '440604' });
    expect(withSample.contractor).toBe('示例新字段');
    expect(retitleSamples(withSample, [fresh], [{ ...fresh, title: '施工单位' }]).contractor).toBe('示例施工单位');
  });
});

describe('流程：环节列表与 XState JSON 互相转换', () => {
  it('装修备案 read as steps and written back is the same workflow', () => {
    const { steps, reasons } = readSteps(renovation.workflow);
    expect(reasons).toEqual([]);
    expect(steps!.map((s) => [s.key, s.kind, s.role, s.due ?? null])).toEqual([
      ['draft', 'applicant', 'applicant', null], ['submitted', 'task', 'clerk', 'P3D'], ['accepted', 'task', 'reviewer', 'P5D'],
      ['approved', 'final-approved', '', null], ['rejected', 'final-rejected', '', null],
    ]);
    expect(canon(writeSteps(steps!, renovation.workflow))).toEqual(canon(renovation.workflow));
  });

  it('renaming a step renames every decision that leads to it', () => {
    const { steps } = readSteps(renovation.workflow);
    const renamed = renameStep(steps!, 'accepted', 'review');
    expect(renamed.find((s) => s.key === 'submitted')!.decisions.find((d) => d.event === 'ACCEPT')!.branches[0].target).toBe('review');
  });

  // XState spells one transition several ways (a target string, { target }, a one-branch list, a
  // one-target list) and an empty `on` is no `on`: compare meaning, not spelling — only there, so a
  // one-element list anywhere else (a task list, actions, roles) must come back as it was.
  const TRANSITIONS = new Set(['always', 'onDone', 'onError']);
  const branch = (b: unknown): unknown => {
    const o = norm(typeof b === 'string' ? { target: b } : b) as Record<string, unknown>;
    return Array.isArray(o.target) && o.target.length === 1 ? { ...o, target: o.target[0] } : o;
  };
  const transition = (t: unknown) => (Array.isArray(t) ? t : [t]).map(branch);
  const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !(k === 'on' && Object.keys(x as object).length === 0))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => [k, k === 'on' || k === 'after' ? targets(x as Json) : TRANSITIONS.has(k) ? transition(x) : norm(x)])) : v);
  const targets = (on: Json) => Object.fromEntries(Object.entries(on).sort(([a], [b]) => a.localeCompare(b)).map(([e, t]) => [e, transition(t)]));

  for (const id of ids) {
    it(`${id}: opens in the step editor without falling back to JSON, and saving it back changes nothing`, () => {
      const wf = readJson('workflows', `${id}.workflow.json`);
      const { steps, reasons } = readSteps(wf as never);
      expect(reasons).toEqual([]);
      expect(steps![0].key).toBe(wf.initial);
      expect(norm(writeSteps(steps!, wf as never))).toEqual(norm(wf));
    });
  }

  it('投诉处理 shows its timers, guarded branches, sub-steps and 会签-style collection as steps', () => {
    const { steps } = readSteps(readJson('workflows', 'complaint.workflow.json') as never);
    const answering = steps!.find((s) => s.key === 'answering')!;
    expect(answering.children!.map((c) => c.key)).toEqual(['waiting', 'overdue']);
    const waiting = answering.children![0];
    expect(waiting.kind).toBe('auto');
    expect(waiting.timers.map((t) => [t.delay, t.branches[0].target, t.branches[0].actions[0].type])).toEqual([['answer', 'overdue', 'setFlag']]);
    const accept = steps!.find((s) => s.key === 'checking')!.decisions.find((d) => d.event === 'ACCEPT')!;
    expect(accept.branches.map((b) => [b.target, b.guard?.type ?? null])).toEqual([['rating', 'decisionEquals'], ['rating', null]]);
    expect(steps!.find((s) => s.key === 'rating')!.collectInto).toBe('/ratings');
  });

  it('a parallel countersign that joins, a timer, a guarded branch and an automatic step are written as XState and read back the same', () => {
    const { steps } = readSteps(renovation.workflow);
    const review = steps!.find((s) => s.key === 'accepted')!;
    const branch = (target: string) => ({ target, actions: [] });
    const countersign = {
      ...emptyStep('sign', '会签', 'task'), taskName: 'sign', taskTitle: '会签意见', role: 'reviewer', scope: 'district', assignees: '/inspectors', completion: 'all' as const,
      decisions: [{ event: 'AGREE', title: '同意', declared: true, branches: [branch('signed')] }],
    };
    const parallel: typeof review = {
      ...emptyStep('joint', '联合审查', 'auto'), parallel: true, onDone: [branch('approved')],
      timers: [{ delay: 'P3D', branches: [{ target: 'rejected', actions: [{ type: 'setFlag', params: { code: '逾期', message: '三日未办结' } }] }] }],
      children: [
        { ...emptyStep('housing', '房管审查', 'auto'), children: [countersign, emptyStep('signed', '已会签', 'final')] },
        { ...emptyStep('fire', '消防审查', 'auto'), always: [{ target: 'fireDone', guard: exprGuard({ '>=': [{ var: 'data.area' }, 1000] }), actions: [] }, branch('fireDone')], children: undefined },
      ],
    };
    const edited = [...steps!.filter((s) => s !== review), parallel];
    const wf = writeSteps(edited, renovation.workflow) as Json;
    expect(wf.states.joint.type).toBe('parallel');
    expect(wf.states.joint.onDone).toEqual({ target: 'approved' });
    expect(wf.states.joint.after.P3D.target).toBe('rejected');
    expect(wf.states.joint.states.housing.initial).toBe('sign');
    expect(wf.states.joint.states.housing.states.sign.meta.tasks[0]).toMatchObject({ assignees: '/inspectors', completion: 'all' });
    expect(wf.states.joint.states.fire.always[0].guard).toEqual({ type: 'expr', params: { expr: { '>=': [{ var: 'data.area' }, 1000] } } });
    const again = readSteps(wf as never);
    expect(again.reasons).toEqual([]);
    expect(norm(writeSteps(again.steps!, wf as never))).toEqual(norm(wf));
  });

  it('a workflow with something the editor cannot show is shown as JSON only, with the reason', () => {
    const wf = structuredClone(renovation.workflow);
    wf.states.accepted.invoke = { src: 'x' };
    const { steps, reasons } = readSteps(wf as never);
    expect(steps).toBeNull();
    expect(reasons.join()).toContain('accepted');
    expect(reasons.join()).toContain('invoke');
  });
});

describe('检查结果：定位到环节与字段，中文说明', () => {
  it('places workflow, form and settings problems and says them in Chinese', () => {
    const placed = placeProblems([
      { file: 'renovation-filing#workflow', path: '/states/submitted/meta/tasks/0/role', message: 'unknown role "nobody"' },
      { file: 'renovation-filing#workflow', path: '/states/submitted/on/ACCEPT/target', message: 'unknown target state "acceptd"' },
      { file: 'renovation-filing#schema', path: '/examples/0/room', message: 'the example is not valid: must be string' },
      { file: 'renovation-filing#settings', path: '/starters/0', message: 'unknown role "nobody"' },
      { file: 'renovation-filing#prints/application', path: '/', message: 'unknown helper "shout" (line 3)' },
    ]);
    expect(problemsAt(placed, 'workflow', 'states', 'submitted')).toHaveLength(2);
    expect(placed[0].text).toBe('角色「nobody」不存在');
    expect(placed[1].text).toBe('去向环节「acceptd」不存在');
    expect(formFieldOf(placed[2])).toBe('room');
    expect(placed[2].text).toBe('示例数据不符合表单：类型应为文本');
    expect(problemsAt(placed, 'settings', 'starters')).toHaveLength(1);
    expect(placed[4]).toMatchObject({ area: 'prints', template: 'application', text: '第 3 行使用了不存在的函数「shout」' });
    expect(zhMessage('state "review" can never be reached')).toBe('环节「review」无法到达：没有任何决定通向它');
  });
});
