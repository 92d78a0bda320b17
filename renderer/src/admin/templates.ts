// Starting shapes of a new type (登记类, 备案审核类, 投诉处理类) and 从现有业务复制: each gives a
// complete small bundle — the form of newBundle with the workflow of its shape — so the new type
// can be simulated and published as it is, and then changed.
import type { Bundle } from './api';
import { newBundle } from './newBundle';

type Obj = Record<string, unknown>;

export const SHAPES = {
  blank: { title: '空白（仅申请人提交）', help: '只有申请人提交一步，其余自己设计。' },
  registration: { title: '登记类', help: '申请人提交，窗口登记：予以登记、退回补正或不予登记。' },
  review: { title: '备案审核类', help: '申请人提交，窗口受理（3 天内）、科室审核（5 天内）：通过备案或不予备案，可退回补正。' },
  complaint: { title: '投诉处理类', help: '群众提交，窗口受理后办理；3 天未办结自动转主管科室督办。' },
} as const;
export type Shape = keyof typeof SHAPES;

const task = (name: string, title: string, role: string, events: Obj, due?: string) =>
  ({ name, title, role, scope: role === 'applicant' ? 'org' : 'district', ...(due ? { due } : {}), events });
const draft = (target: string) => ({
  meta: { title: '草稿', editable: true, tasks: [task('fill', '填写并提交', 'applicant', { SUBMIT: { title: '保存并提交', validate: true } })] },
  on: { SUBMIT: { target } },
});
const final = (title: string, outcome?: string) => ({ type: 'final', meta: { title, ...(outcome ? { outcome } : {}) } });

const STATES: Record<Exclude<Shape, 'blank'>, { states: Obj; delays?: Record<string, string> }> = {
  registration: {
    states: {
      draft: draft('submitted'),
      submitted: {
        meta: { title: '待登记', tasks: [task('register', '登记', 'clerk', {
          APPROVE: { title: '予以登记', form: 'opinion' }, RETURN: { title: '退回补正', form: 'return-notice' }, REFUSE: { title: '不予登记', form: 'opinion-required' },
        }, 'P3D')] },
        on: { APPROVE: { target: 'approved' }, RETURN: { target: 'draft' }, REFUSE: { target: 'refused' } },
      },
      approved: final('已登记', 'approved'),
      refused: final('不予登记', 'rejected'),
    },
  },
  review: {
    states: {
      draft: draft('submitted'),
      submitted: {
        meta: { title: '待受理', tasks: [task('accept', '受理', 'clerk', {
          ACCEPT: { title: '受理', form: 'opinion' }, RETURN: { title: '退回补正', form: 'return-notice' }, REFUSE: { title: '不予受理', form: 'opinion-required' },
        }, 'P3D')] },
        on: { ACCEPT: { target: 'review' }, RETURN: { target: 'draft' }, REFUSE: { target: 'refused' } },
      },
      review: {
        meta: { title: '待审核', tasks: [task('review', '审核', 'reviewer', {
          APPROVE: { title: '审核通过', form: 'opinion' }, REJECT: { title: '不予备案', form: 'opinion-required' },
        }, 'P5D')] },
        on: { APPROVE: { target: 'approved' }, REJECT: { target: 'rejected' } },
      },
      approved: final('已备案', 'approved'),
      rejected: final('不予备案', 'rejected'),
      refused: final('不予受理', 'rejected'),
    },
  },
  complaint: {
    delays: { handleWithin: 'P3D' },
    states: {
      draft: draft('submitted'),
      submitted: {
        meta: { title: '待受理', tasks: [task('accept', '受理', 'clerk', {
          ACCEPT: { title: '受理', form: 'opinion' }, REFUSE: { title: '不予受理', form: 'opinion-required' },
        }, 'P1D')] },
        on: { ACCEPT: { target: 'handling' }, REFUSE: { target: 'refused' } },
      },
      handling: {
        meta: { title: '办理中', tasks: [task('handle', '办理', 'clerk', { COMPLETE: { title: '办结', form: 'opinion' } }, 'handleWithin')] },
        on: { COMPLETE: { target: 'done' } },
        after: { handleWithin: { target: 'overdue', actions: [{ type: 'setFlag', params: { code: '逾期', message: '未在期限内办结，已转主管科室督办' } }] } },
      },
      overdue: {
        meta: { title: '逾期督办', tasks: [task('urge', '督办', 'reviewer', {
          ACCEPT: { title: '督促办理', form: 'opinion-required' }, COMPLETE: { title: '办结', form: 'opinion' },
        })] },
        on: { ACCEPT: { target: 'handling' }, COMPLETE: { target: 'done' } },
      },
      done: final('已办结', 'approved'),
      refused: final('不予受理', 'rejected'),
    },
  },
};

/** A new type of a starting shape. */
export function bundleOfShape(shape: Shape, id: string, title: string, district: string): Bundle {
  const b = newBundle(id, title, district);
  if (shape === 'blank') return b;
  const { states, delays } = STATES[shape];
  return {
    ...b,
    workflow: { id, initial: 'draft', states } as unknown as Bundle['workflow'],
    settings: { ...b.settings, ...(delays ? { delays } : {}) },
  };
}

/** A copy of an existing type under a new id and title: its form, workflow, prints and settings. */
export function copyBundle(source: Bundle, id: string, title: string, numberPrefix: string): Bundle {
  // '#old-id.state' targets name the workflow by its id: they follow the new one.
  const workflow = JSON.parse(JSON.stringify(source.workflow).split(`"#${source.id}.`).join(`"#${id}.`)) as Obj;
  return {
    ...structuredClone(source), id,
    schema: { ...source.schema, title },
    workflow: { ...workflow, id } as unknown as Bundle['workflow'],
    settings: { ...source.settings, title, numberPrefix },
  };
}
