// The one register entry a case keeps in step with itself (keepEntry): a facility kept as a case is
// also an entry of the facilities register, because other businesses (a repair, a maintenance plan)
// refer to facilities by entry id. The first time, the case adopts the active entry with the same
// key under the same parent if there is one (the entry an approved takeover inspection registered)
// or creates one; afterwards the entry is updated in place, so its id — what others hold — never
// changes. The id is written into the case data (idTo). Retiring is retireEntries' job.
import type { Transaction } from 'sequelize';
import { AppError } from '../errors.js';
import { getPointer, setPointer } from '../registry/pointer.js';
import type { Engine } from '../context.js';
import type { EffectCase } from '../vocabulary/entry.js';
import { registerKey } from './rule-context.js';

export async function keepEntry(engine: Engine, t: Transaction, c: EffectCase, p: Record<string, unknown>): Promise<void> {
  const { RegisterEntry } = engine.db.models;
  const register = String(p.register);
  const key = registerKey(c.data, p.key as string[]);
  if (!key) throw new AppError('RULE_VIOLATION', { message: `登记失败：业务单 ${c.number} 缺少登记所需的字段` });
  const parentId = p.parent ? Number(getPointer(c.data, String(p.parent))) || null : null;
  const title = p.title ? getPointer(c.data, String(p.title)) : undefined;
  const idTo = p.idTo ? String(p.idTo) : undefined;
  const mine = await RegisterEntry.findOne({ where: { register, caseId: c.id, status: 'active' }, transaction: t, raw: true })
    ?? await RegisterEntry.findOne({ where: { register, key, parentId, status: 'active' }, order: [['id', 'ASC']], transaction: t, raw: true });
  // An adopted entry keeps what its registration added (e.g. the company's name) and its source number.
  const before = (mine?.data as Record<string, unknown> | undefined) ?? {};
  const data: Record<string, unknown> = { ...before, ...c.data, sourceNumber: before.sourceNumber ?? c.number };
  const values = {
    register, key, parentId, title: title === undefined || title === null ? null : String(title),
    orgId: c.orgId, district: c.district, street: c.street, data, caseId: c.id, status: 'active',
  };
  let id: number;
  if (mine) {
    await RegisterEntry.update(values, { where: { id: mine.id }, transaction: t });
    id = mine.id as number;
  } else {
    id = (await RegisterEntry.create(values, { transaction: t })).get('id') as number;
  }
  if (idTo) c.data = setPointer(c.data, idTo, id);
}
