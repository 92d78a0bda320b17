// The engine's lint problems ({ file: "<id>#workflow", path: "/states/submitted/meta/tasks/0/role",
// message }) placed where the console shows them — a settings field, a form field, a step and its
// decision, a print template — and said in Chinese. Messages the console does not know are shown
// as the engine wrote them.
import type { Problem } from './api';
import type { JsonSchema } from '../api/model';
import { titleAt } from '../forms/paths';

export type Area = 'settings' | 'form' | 'ui' | 'workflow' | 'prints';

export interface Placed extends Problem {
  area: Area;
  /** Decoded pointer segments: ['states', 'submitted', 'meta', 'tasks', '0', 'role']. */
  segs: string[];
  /** Template name for prints. */
  template?: string;
  text: string;
  /** A problem of the form self-test: its path is a data pointer (/rows/0/name), not a schema one. */
  selfTest?: boolean;
  /** Where it is, in the console's words, when the path alone cannot say (the self-test's field titles). */
  place?: string;
}

const decode = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
export const pointerSegs = (pointer: string) => (!pointer || pointer === '/' ? [] : pointer.split('/').slice(1).map(decode));

function areaOf(file: string): { area: Area; template?: string } {
  const part = file.includes('#') ? file.slice(file.indexOf('#') + 1) : file;
  if (part.startsWith('prints/')) return { area: 'prints', template: part.slice(7) };
  if (part === 'schema') return { area: 'form' };
  if (part === 'uiSchema') return { area: 'ui' };
  if (part === 'workflow') return { area: 'workflow' };
  return { area: 'settings' };
}

const RULES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^unknown target state "(.*)"$/, (s) => `去向环节「${s}」不存在`],
  [/^state "(.*)" can never be reached$/, (s) => `环节「${s}」无法到达：没有任何决定通向它`],
  [/^state "(.*)" is not final and has no way out$/, (s) => `环节「${s}」不是办结环节，却没有任何去向`],
  [/^a task needs a role$/, () => '请选择办理人'],
  [/^a task needs a title$/, () => '请填写办理事项名称'],
  [/^a task needs a name$/, () => '办理事项缺少标识'],
  [/^a task needs at least one event$/, () => '办理环节至少要提供一个决定'],
  [/^event "(.*)" is not handled in this state$/, (e) => `决定「${e}」没有去向`],
  [/^an event needs a title$/, () => '决定须有名称'],
  [/^unknown decision form "(.*)"$/, (f) => `办理意见表「${f}」不存在`],
  [/^unknown role "(.*)"$/, (r) => `角色「${r}」不存在`],
  [/^unknown scope "(.*)"$/, (s) => `办理范围「${s}」不存在`],
  [/^"(.*)" is not a duration or a delay name$/, (d) => `期限「${d}」格式不正确（例如 3 天）`],
  [/^unknown action "(.*)"$/, (a) => `自动执行的操作「${a}」不存在`],
  [/^unknown guard "(.*)"$/, (g) => `条件「${g}」不存在`],
  [/^unknown rule "(.*)"$/, (g) => `规则「${g}」不存在`],
  [/^unknown register "(.*)"$/, (g) => `名录「${g}」不存在`],
  [/^unknown delay "(.*)" \(declare it in settings\.delays\)$/, (d) => `期限名称「${d}」未在基本设置的期限中定义`],
  [/^initial state "(.*)" does not exist$/, (s) => `起始环节「${s}」不存在`],
  [/^the workflow needs "states"$/, () => '流程至少需要一个环节'],
  [/^invoked actors are not part of the vocabulary$/, () => '不支持 invoke'],
  [/^not a valid XState machine: (.*)$/s, (r) => `流程定义无效：${r}`],
  [/^the example is not valid: (.*)$/s, (r) => `示例数据不符合表单：${zhMessage(r)}`],
  [/^at least one complete example is required$/, () => '请提供一份完整的示例数据（在表单预览中填写后点“用当前填写作为示例”）'],
  [/^not a valid JSON Schema: (.*)$/s, (r) => `表单定义无效：${r}`],
  [/^the schema does not compile: (.*)$/s, (r) => `表单定义无法编译：${r}`],
  [/^the form schema must be an object$/, () => '表单定义必须是对象'],
  [/^the uiSchema must be an object$/, () => '界面定义必须是对象'],
  [/^unknown helper "(.*)" \(line (\d+)\)$/, (h, l) => `第 ${l} 行使用了不存在的函数「${h}」`],
  [/^unknown partial "(.*)" \(line (\d+)\)$/, (h, l) => `第 ${l} 行引用了不存在的公共片段「${h}」`],
  [/^template error: (.*)$/s, (r) => `模板语法错误：${r}`],
  [/^type id "(.*)" must be kebab-case$/, (id) => `业务类型标识「${id}」须为小写字母、数字和连字符`],
  [/^must have required property '(.*)'$/, (p) => `缺少必填项「${p}」`],
  [/^must match pattern "(.*)"$/, () => '格式不正确'],
  [/^must NOT have fewer than (\d+) characters$/, (n) => `至少 ${n} 个字符`],
  [/^must be (string|number|integer|object|array|boolean)$/, (t) => `类型应为${{ string: '文本', number: '数字', integer: '整数', object: '对象', array: '列表', boolean: '是/否' }[t]}`],
  [/^must NOT have additional properties$/, () => '含有不认识的设置项'],
  [/^"(.*)" not defined in (.*)$/s, (f) => `示例数据中没有「${f}」`],
];

// The form self-test (engine/registry/self-test.ts) fills the form with its example and with data
// generated from it; a sample the page's check and the server judge differently is a problem —
// the applicant either cannot submit what the page accepted or cannot get past the page.
const SELF_TEST = /^自检（第 (\d+) 组样例数据）：(服务器拒绝而浏览器接受|浏览器拒绝而服务器接受)：(.*)；请简化该处的定义$/s;

function selfTestText(n: string, side: string, reason: string): string {
  const why = reason ? `（${zhMessage(reason)}）` : '';
  return side === '服务器拒绝而浏览器接受'
    ? `表单自检未通过：用第 ${n} 组样例数据试填，页面上检查通过，服务器却不接受${why}，申请人将无法提交。请简化该字段的设置。`
    : `表单自检未通过：用第 ${n} 组样例数据试填，服务器接受，页面上却报错${why}，申请人将无法通过页面的检查。请简化该字段的设置。`;
}

/** A data path as the form's field titles: 表单 › 「施工人员」第 1 项 › 「姓名」. */
function dataPlace(schema: JsonSchema, segs: string[]): string {
  const out = ['表单'];
  segs.forEach((s, i) => {
    if (/^\d+$/.test(s) && i > 0) out[out.length - 1] += ` 第 ${Number(s) + 1} 项`;
    else out.push(`「${titleAt(schema, segs.slice(0, i + 1))}」`);
  });
  return out.join(' › ');
}

export function zhMessage(message: string): string {
  for (const [re, fn] of RULES) {
    const m = re.exec(message);
    if (m) return fn(...m.slice(1));
  }
  return message
    .replace(/must have required property '([^']*)'/g, '缺少必填项「$1」')
    .replace(/must NOT have additional properties/g, '含有不认识的设置项')
    .replace(/must match pattern "[^"]*"/g, '格式不正确');
}

/** `schema`: the form the problems are about, to name the self-test's fields by their titles. */
export function placeProblems(problems: Problem[], schema?: JsonSchema): Placed[] {
  return problems.map((p) => {
    const placed: Placed = { ...p, ...areaOf(p.file), segs: pointerSegs(p.path), text: zhMessage(p.message) };
    const selfTest = placed.area === 'form' ? SELF_TEST.exec(p.message) : null;
    if (!selfTest) return placed;
    return { ...placed, selfTest: true, text: selfTestText(selfTest[1], selfTest[2], selfTest[3]), place: schema ? dataPlace(schema, placed.segs) : undefined };
  });
}

/** Problems of an area whose path starts with the given segments. */
export function problemsAt(placed: Placed[], area: Area, ...prefix: string[]): Placed[] {
  return placed.filter((p) => p.area === area && prefix.every((s, i) => p.segs[i] === s));
}

/** The form field a form problem concerns ('/properties/x/…', '/examples/0/x/…', '/then/properties/x'). */
export function formFieldOf(p: Placed): string | undefined {
  const s = p.segs;
  if (p.selfTest) return s[0];
  if (s[0] === 'properties') return s[1];
  if (s[0] === 'examples') return s[2];
  if ((s[0] === 'then' || s[0] === 'else') && s[1] === 'properties') return s[2];
  return undefined;
}

export const AREA_TITLES: Record<Area, string> = { settings: '基本设置', form: '表单', ui: '表单界面', workflow: '流程', prints: '打印模板' };
