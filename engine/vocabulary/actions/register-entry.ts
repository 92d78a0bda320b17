// Registers the case (or each row of a list in it) in a register: areas, houses, facilities,
// credit records. An active entry with the same key is refused, or superseded when asked.
import { AppError } from '../../errors.js';
import { getPointer } from '../../registry/pointer.js';
import { sqlValue } from '../../db/raw.js';
import { insertInto } from '../../db/index.js';
import { registerKey } from '../../runtime/rule-context.js';
import { entryValidity } from '../../runtime/data-fill.js';
import { orgFacts } from '../../runtime/prefill.js';
import { action } from '../entry.js';
import { pointer, pointerList, registerName } from '../schemas.js';

const INSERT_ENTRY = insertInto('register_entries', ['register', 'key', 'title', 'parentId', 'orgId', 'district', 'street', 'data', 'caseId', 'status', 'createdAt', 'updatedAt']);

export default action({
  title: '登记到名录（如物业区域、房屋、设施）',
  params: {
    type: 'object',
    required: ['register'],
    properties: {
      register: { ...registerName, title: '名录' },
      /** Pointer to an array in the data: one entry per row. Absent: one entry for the whole case. */
      each: { ...pointer, title: '逐行登记的列表字段' },
      key: { ...pointerList, title: '唯一键字段' },
      title: { ...pointer, title: '标题字段' },
      district: { ...pointer, title: '区县字段' },
      street: { ...pointer, title: '街道字段' },
      /** Pointer to the id of a parent register entry (e.g. the area a house belongs to). */
      parent: { ...pointer, title: '上级条目字段' },
      /** Extra fields copied into every entry: target name → pointer into the case data. */
      include: { type: 'object', additionalProperties: pointer, title: '附带写入的字段' },
      /** active entries with the same key are superseded (re-filing) instead of refused. */
      supersede: { type: 'boolean', title: '替换同键的已有条目' },
      /** Fixed fields written into every entry (e.g. the kind of a credit record). */
      constants: { type: 'object', title: '固定写入的值' },
      /** The entry is valid from a date for whole years: writes validFrom and validUntil. */
      validity: {
        type: 'object', required: ['from', 'years'], title: '有效期',
        properties: { from: { ...pointer, title: '起始日期字段' }, years: { type: 'integer', minimum: 1, title: '年数' } }, additionalProperties: false,
      },
      /** The entry's organisation: the org id at this pointer (e.g. the company a complaint is about) instead of the case's. */
      orgFrom: { ...pointer, title: '所属单位字段' },
      /** Fields copied from the entry's organisation: entry field → pointer into { kind, code, name, district, local, data }. */
      orgFields: { type: 'object', additionalProperties: pointer, title: '取自单位信息的字段' },
    },
    additionalProperties: false,
  },
  register: (p) => p.register,
  run: async ({ engine: { db }, t, c, now }, p) => {
    const raw = db.sql(t);
    const v = (value: unknown) => sqlValue(db.dialect, value);
    const rows = p.each ? (getPointer(c.data, p.each) as unknown[] | undefined) ?? [] : [c.data];
    const at = (ptr: string | undefined) => (ptr === undefined ? undefined : getPointer(c.data, ptr));
    const parentId = p.parent ? Number(at(p.parent)) || null : null;
    for (const [i, row] of rows.entries()) {
      const key = p.key?.length ? registerKey(row, p.key) : `${c.number}#${i}`;
      if (!key) throw new AppError('RULE_VIOLATION', { message: `登记失败：第 ${i + 1} 条缺少登记所需的字段` });
      if (db.dialect === 'postgres') {
        // Two transactions registering the same key at once: the second waits here until the first
        // commits, then sees its entry. (SQLite serializes write transactions already.)
        await db.sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:k))', { replacements: { k: `${p.register}|${parentId ?? ''}|${key}` }, transaction: t });
      }
      const existing = await raw.get(
        `SELECT id FROM register_entries WHERE "register" = ? AND "key" = ? AND parent_id ${parentId === null ? 'IS NULL' : '= ?'} AND status = 'active' LIMIT 1`,
        [p.register, key, ...(parentId === null ? [] : [parentId])],
      );
      if (existing) {
        if (!p.supersede) {
          throw new AppError('RULE_VIOLATION', { message: `登记失败：「${key.replace(/\|/g, ' ')}」已登记（业务单号 ${c.number}）` });
        }
        await raw.run("UPDATE register_entries SET status = 'superseded', updated_at = ? WHERE id = ?", [v(now), existing.id]);
      }
      const data: Record<string, unknown> = { ...(row as Record<string, unknown>), sourceNumber: c.number };
      for (const [name, ptr] of Object.entries(p.include ?? {})) data[name] = getPointer(c.data, ptr);
      Object.assign(data, p.constants ?? {}, entryValidity(c.data, p.validity));
      // orgFrom: the entry belongs to another organisation than the case's (a bad record to the company complained about).
      const orgId = p.orgFrom ? Number(at(p.orgFrom)) || null : c.orgId;
      if (p.orgFields) {
        const org = await orgFacts(db, orgId, t);
        for (const [name, ptr] of Object.entries(p.orgFields)) data[name] = org ? getPointer(org, ptr) : undefined;
      }
      const title = p.title ? getPointer(row, p.title) : undefined;
      await raw.run(INSERT_ENTRY, [p.register, key, title === undefined || title === null ? null : String(title), parentId, orgId,
        (at(p.district) as string) ?? c.district ?? null, (at(p.street) as string) ?? c.street ?? null, v(data), c.id, 'active', v(now), v(now)]);
    }
  },
});
