// Numbers collected in a list summarised into one field, optionally graded (the code is
// engine/runtime/aggregate.ts, pure: data in, data out).
import { aggregateNumbers } from '../../runtime/aggregate.js';
import { action } from '../entry.js';
import { pointer } from '../schemas.js';

export default action({
  title: '汇总列表中的数值（平均、合计、最高、最低、个数）写入表单字段，可按分数段定等级（如多名检查人员评分的平均分与等级）',
  params: {
    type: 'object', required: ['from', 'field', 'method', 'into'],
    properties: {
      /** Pointer to the list in the data (e.g. the collected scores). */
      from: { ...pointer, title: '汇总的列表字段' },
      /** Pointer inside each item to its number; a list of numbers counts as their sum. */
      field: { ...pointer, title: '每项中的数值字段' },
      method: { enum: ['avg', 'sum', 'min', 'max', 'count'], title: '汇总方式', description: 'avg 平均、sum 合计、min 最小、max 最大、count 计数' },
      into: { ...pointer, title: '结果写入的字段' },
      /** Decimal places kept (default 2). */
      round: { type: 'integer', minimum: 0, maximum: 6, title: '保留小数位数' },
      /** Grade thresholds: the first (highest) min the value reaches gives the label. */
      grades: {
        type: 'array', minItems: 1, title: '等级划分',
        items: { type: 'object', required: ['min', 'label'], properties: { min: { type: 'number', title: '最低分' }, label: { type: 'string', minLength: 1, title: '等级名称' } }, additionalProperties: false },
      },
      gradeInto: { ...pointer, title: '等级写入的字段' },
    },
    dependencies: { grades: ['gradeInto'], gradeInto: ['grades'] },
    additionalProperties: false,
  },
  apply: (f, p) => ({ data: aggregateNumbers(f.data, p), flags: f.flags }),
});
