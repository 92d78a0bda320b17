// What the JSON editors offer as you type: the JSON Schema keywords a form uses (with the
// platform's formats), the uiSchema's widgets and options, and the workflow's XState keys with the
// engine's vocabulary (roles, scopes, decision forms, guards, actions) and the workflow's own states.
import type { Vocabulary } from '../api';
import type { Hint, HintSchema } from './jsonCompletion';

const str = (title: string): Hint => ({ title, type: 'string' });
const bool = (title: string): Hint => ({ title, type: 'boolean' });
const numb = (title: string): Hint => ({ title, type: 'number' });
const named = (entries: Record<string, string | { title: string }>) =>
  Object.entries(entries).map(([value, t]) => ({ value, title: typeof t === 'string' ? t : t.title }));

export const FORM_HINTS: HintSchema = {
  root: {
    type: 'object',
    properties: {
      $schema: { ...str('JSON Schema 版本'), values: [{ value: 'http://json-schema.org/draft-07/schema#', title: 'draft-07' }] },
      title: str('表单标题'), description: str('说明'), type: { ...str('类型'), values: [{ value: 'object' }] },
      required: { title: '必填字段', type: 'array', items: { type: 'string' } },
      properties: { title: '字段', type: 'object', additional: { ref: 'field' } },
      examples: { title: '示例数据（第一份须完整有效）', type: 'array', items: { type: 'object' } },
      if: { title: '条件（如：当某个是/否字段为是时）', type: 'object', ref: 'field' },
      then: { title: '条件成立时（如 required）', type: 'object', ref: 'field' },
      else: { title: '条件不成立时', type: 'object', ref: 'field' },
      allOf: { title: '多个条件', type: 'array', items: { type: 'object', properties: { if: { ref: 'field' }, then: { ref: 'field' } } } },
    },
  },
  defs: {
    field: {
      type: 'object',
      properties: {
        type: { ...str('类型'), values: named({ string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '分组' }) },
        title: str('标题（中文）'), description: str('填写说明'),
        format: { ...str('格式'), values: named({ date: '日期', district: '区县代码', street: '街道代码', idcard: '身份证号码', mobile: '手机号码', uscc: '统一社会信用代码', orgcode: '组织机构代码', attachment: '附件编号', email: '电子邮箱' }) },
        enum: { title: '可选值', type: 'array', items: { type: 'string' } },
        const: { title: '固定值' }, default: { title: '默认值' },
        minimum: numb('最小值'), maximum: numb('最大值'), minLength: numb('最少字数'), maxLength: numb('最多字数'),
        minItems: numb('最少行数/个数'), maxItems: numb('最多行数/个数'), pattern: str('正则表达式'),
        items: { title: '列表的每一项', type: 'object', ref: 'field' },
        properties: { title: '下级字段', type: 'object', additional: { ref: 'field' } },
        required: { title: '必填字段', type: 'array', items: { type: 'string' } },
      },
    },
  },
};

export const UI_HINTS: HintSchema = {
  root: { type: 'object', properties: { 'ui:order': { title: '字段顺序', type: 'array', items: { type: 'string' } } }, additional: { ref: 'ui' } },
  defs: {
    ui: {
      type: 'object',
      properties: {
        'ui:widget': { ...str('控件'), values: named({ textarea: '多行文本', files: '附件上传', district: '区县选择', street: '街道选择', radio: '单选按钮', select: '下拉选择', checkboxes: '多选', hidden: '隐藏', registerEntry: '名录条目选择', percent: '百分比' }) },
        'ui:options': { title: '控件选项', type: 'object', properties: { table: bool('以表格填写'), check: bool('逐行核验'), excelImport: bool('可从 Excel 导入'), rows: numb('行数'), inline: bool('横排'), layout: { ...str('布局'), values: [{ value: 'grid', title: '两列' }] }, districtField: str('所属区县字段') } },
        'ui:help': str('帮助文字'), 'ui:placeholder': str('占位提示'), 'ui:readonly': bool('只读'), 'ui:order': { title: '下级字段顺序', type: 'array', items: { type: 'string' } },
        items: { title: '列表每一项的界面', ref: 'ui' },
      },
      additional: { ref: 'ui' },
    },
  },
};

export function workflowHints(vocab: Vocabulary | undefined, states: string[]): HintSchema {
  const roles = named(vocab?.roles ?? {});
  const scopes = named(vocab?.scopes ?? {});
  const forms = (vocab?.decisionForms ?? []).map((f) => ({ value: f, title: vocab?.decisionFormSchemas?.[f]?.title as string | undefined }));
  const actions = named(vocab?.actions ?? {});
  const guards = named(vocab?.guards ?? {});
  const target: Hint = { ...str('去向环节'), values: states.map((s) => ({ value: s })) };
  const named2 = (values: Array<{ value: unknown; title?: string }>, title: string): Hint => ({
    title, type: 'object', properties: { type: { ...str('名称'), values }, params: { title: '参数', type: 'object' } },
  });
  const transition: Hint = {
    type: 'object',
    properties: {
      target, guard: named2(guards, '条件'), actions: { title: '自动执行的操作', type: 'array', items: named2(actions, '自动执行的操作') }, description: str('说明'),
    },
  };
  return {
    root: { type: 'object', properties: { id: str('流程标识'), initial: { ...str('起始环节'), values: states.map((s) => ({ value: s })) }, states: { title: '环节', type: 'object', additional: { ref: 'state' } } } },
    defs: {
      state: {
        type: 'object',
        properties: {
          type: { ...str('环节类型'), values: named({ final: '办结（最终环节）', parallel: '并行' }) },
          meta: {
            title: '环节信息', type: 'object',
            properties: {
              title: str('环节名称'), editable: bool('申请人可修改'), outcome: { ...str('办结结果'), values: named({ approved: '通过', rejected: '不通过' }) },
              public: bool('公示环节'),
              tasks: {
                title: '办理事项', type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: str('事项标识'), title: str('事项名称'), role: { ...str('办理人角色'), values: roles }, scope: { ...str('办理范围'), values: scopes },
                    due: str('办理期限（如 P3D 为 3 天）'),
                    events: { title: '决定', type: 'object', additional: { type: 'object', properties: { title: str('决定名称'), form: { ...str('办理意见表'), values: forms }, validate: bool('提交前检查全部填写内容') } } },
                    orgField: str('所属单位字段'), assignees: str('办理人名单字段'), completion: { ...str('会签'), values: named({ any: '一人办理即可', all: '全部办理' }) }, collectInto: str('收集意见到'),
                  },
                },
              },
            },
          },
          on: { title: '决定的去向', type: 'object', additional: transition },
          after: { title: '定时（期满自动）', type: 'object', additional: transition },
          always: transition,
          entry: { title: '进入环节时自动执行', type: 'array', items: named2(actions, '自动执行的操作') },
          exit: { title: '离开环节时自动执行', type: 'array', items: named2(actions, '自动执行的操作') },
          initial: str('下级起始环节'),
          states: { title: '下级环节', type: 'object', additional: { ref: 'state' } },
        },
      },
    },
  };
}
