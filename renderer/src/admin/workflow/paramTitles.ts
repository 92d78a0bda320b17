// Chinese labels for the parameters of the engine's actions, so an automatic action's parameter form reads
// in the administrator's words; the register parameter offers the installation's registers.
import type { JsonSchema } from '../../api/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TITLES: Record<string, string> = {
  register: '名录', each: '逐行登记的列表字段', key: '唯一键字段', title: '标题字段', district: '区县字段', street: '街道字段', parent: '上级条目字段',
  include: '附带写入的字段', supersede: '替换同键的已有条目', constants: '固定写入的值', validity: '有效期', from: '起始日期字段', years: '年数',
  orgFrom: '所属单位字段', orgFields: '取自单位信息的字段', code: '标记代码', message: '提示信息', path: '表单字段', value: '值',
  fromDecision: '取自办理意见的字段', now: '写入当前时间', type: '业务类型', where: '条件', equals: '等于', data: '数据对应关系', rowData: '行数据对应关系',
  link: '关联字段', id: '编号字段', number: '业务编号字段', org: '单位字段', event: '发起后自动作出的决定',
};

const POINTER_HELP = '表单中的字段路径，如 /areaName；表格中的列如 /workers';

/** The action's parameter schema with Chinese titles and, where it names a register, the registers to choose from. */
export function labelledParams(schema: JsonSchema | undefined, registers: string[]): JsonSchema {
  const walk = (s: unknown, name?: string): unknown => {
    if (!isObj(s)) return s;
    const out: Obj = { ...s };
    if (name && TITLES[name] && out.title === undefined) out.title = TITLES[name];
    if (out.pattern === '^(/[^/]*)*$' && out.description === undefined) out.description = POINTER_HELP;
    if (name === 'register' && out.type === 'string' && registers.length) out.enum = registers;
    if (isObj(out.properties)) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, walk(v, k)]));
    if (isObj(out.items)) out.items = walk(out.items);
    return out;
  };
  return (walk(schema ?? { type: 'object' }) as JsonSchema);
}
