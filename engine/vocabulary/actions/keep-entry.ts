// The one register entry a case keeps in step with itself (the code is engine/runtime/effects-entries.ts).
import { keepEntry } from '../../runtime/effects-entries.js';
import { action } from '../entry.js';
import { pointer, pointerList, registerName } from '../schemas.js';

export default action({
  title: '本业务单在名录中保持一条条目：首次登记（或接管同一上级下关键字段相同的有效条目，如承接查验登记的设施），此后原条目随修改更新、编号不变',
  params: {
    type: 'object', required: ['register', 'key'],
    properties: {
      register: { ...registerName, title: '名录' },
      key: { ...pointerList, title: '唯一键字段' },
      title: { ...pointer, title: '标题字段' },
      parent: { ...pointer, title: '上级条目字段' },
      /** Case data pointer that receives the entry's id (e.g. /entryId): what other forms refer to. */
      idTo: { ...pointer, title: '条目编号写入的字段' },
    },
    additionalProperties: false,
  },
  register: (p) => p.register,
  run: ({ engine, t, c }, p) => keepEntry(engine, t, c, p),
});
