// A changed JSON path in the words of the console: /workflow/states/submitted/meta/tasks/0/due →
// 流程 › 环节 submitted › 办理事项 1 › 期限.
import { pointerSegs } from '../lint';

const PARTS: Record<string, string> = { schema: '表单', uiSchema: '表单界面', workflow: '流程', settings: '基本设置', prints: '打印模板' };
const WORDS: Record<string, string> = {
  properties: '字段', required: '必填字段', examples: '示例', title: '名称', description: '说明', enum: '可选值', items: '每一项',
  minimum: '最小值', maximum: '最大值', minLength: '最少字数', maxLength: '最多字数', minItems: '最少行数', maxItems: '最多行数', format: '格式', type: '类型',
  states: '环节', meta: '环节信息', tasks: '办理事项', events: '决定', on: '去向', target: '去向环节', actions: '自动执行的操作', params: '设置', role: '办理人',
  scope: '办理范围', due: '期限', form: '办理意见表', validate: '提交前检查全部填写内容', editable: '申请人可修改', outcome: '办结结果', initial: '起始环节',
  numberPrefix: '业务编号前缀', starters: '可发起的角色', titleField: '标题字段', menu: '所属菜单', order: '排序', delays: '期限设置', rules: '规则',
  'ui:order': '字段顺序', 'ui:widget': '控件', 'ui:options': '控件选项', if: '条件', then: '条件成立时', allOf: '条件组',
};
const NAMED = new Set(['properties', 'states', 'events', 'on', 'delays', 'prints']);

export function humanPath(path: string): string {
  const segs = pointerSegs(path);
  const out: string[] = [];
  segs.forEach((s, i) => {
    const prev = segs[i - 1];
    if (i === 0) out.push(PARTS[s] ?? s);
    else if (prev && NAMED.has(prev)) out[out.length - 1] = `${out[out.length - 1]}「${s}」`;
    else if (/^\d+$/.test(s)) out[out.length - 1] = `${out[out.length - 1]} ${Number(s) + 1}`;
    else if (s !== 'meta') out.push(WORDS[s] ?? s);
  });
  return out.join(' › ');
}
