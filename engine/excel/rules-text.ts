// How to fill one column, in Chinese, for the template's header comments and its 填写说明 sheet:
// required or not, the type, format, bounds, pattern and choices — all read from the schema.
import type { Column } from './columns.js';

const FORMAT_NAMES: Record<string, string> = {
  uscc: '18 位统一社会信用代码',
  orgcode: '9 位组织机构代码',
  idcard: '18 位居民身份证号码',
  mobile: '11 位手机号码',
  phone: '手机号码或带区号的固定电话',
  district: '6 位区县代码',
  street: '9 位街道代码',
  email: '电子邮箱地址',
  uri: '网址',
  url: '网址',
  uuid: 'UUID',
  time: '时间（HH:mm:ss）',
};

const KIND_NAMES: Record<Column['kind'], string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '是/否', date: '日期（YYYY-MM-DD）',
  datetime: '日期时间（YYYY-MM-DD HH:mm）', enum: '下拉选择', list: '多项，用顿号“、”分隔',
};

export const showValue = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : Array.isArray(v) ? v.map(showValue).join('、') : String(v);

function bounds(c: Column): string | undefined {
  const lo = c.exclusiveMinimum !== undefined ? `大于 ${c.exclusiveMinimum}` : c.minimum !== undefined ? `不小于 ${c.minimum}` : undefined;
  const hi = c.exclusiveMaximum !== undefined ? `小于 ${c.exclusiveMaximum}` : c.maximum !== undefined ? `不大于 ${c.maximum}` : undefined;
  return [lo, hi].filter(Boolean).join('，') || undefined;
}

function lengths(c: Column): string | undefined {
  if (c.minLength !== undefined && c.maxLength !== undefined) return `${c.minLength}–${c.maxLength} 个字符`;
  if (c.maxLength !== undefined) return `不超过 ${c.maxLength} 个字符`;
  if (c.minLength !== undefined && c.minLength > 1) return `至少 ${c.minLength} 个字符`;
  return undefined;
}

/** One line per rule, e.g. ["必填", "整数", "不小于 1"]. */
export function columnRules(c: Column): string[] {
  const out = [c.required ? '必填' : '选填', KIND_NAMES[c.kind]];
  if (c.format && FORMAT_NAMES[c.format]) out.push(`格式：${FORMAT_NAMES[c.format]}`);
  const b = bounds(c);
  if (b) out.push(b);
  const l = lengths(c);
  if (l) out.push(l);
  if (c.pattern) out.push(c.patternMessage ? `格式要求：${c.patternMessage}` : `须符合格式（正则表达式）：${c.pattern}`);
  else if (c.patternMessage) out.push(`要求：${c.patternMessage}`);
  if (c.options) out.push(`可选值：${c.options.map((o) => o.label).join('、')}`);
  if (c.description) out.push(c.description);
  if (c.example !== undefined) out.push(`示例：${showValue(c.example)}`);
  return out;
}
