// Executes what a pure XState transition returned, inside the transition's transaction:
// delayed raises become durable timer rows, cancels cancel them, and vocabulary actions write
// outside the case (register entries) or onto it (flags). Nothing here runs outside the transaction.
import type { Transaction } from 'sequelize';
import { AppError } from '../errors.js';
import { getPointer } from '../registry/index.js';
import type { Database } from '../db/index.js';
import { registerKey } from './rules.js';

export interface Flag { code: string; message: string; at: string }

export interface EffectCase {
  id: number;
  number: string;
  orgId: number | null;
  district: string | null;
  street: string | null;
  data: Record<string, unknown>;
  flags: Flag[];
}

interface ExecAction { type: string; params?: Record<string, unknown> }

export async function runEffects(db: Database, t: Transaction, c: EffectCase, actions: ExecAction[], now: Date): Promise<void> {
  const { Timer } = db.models;
  for (const action of actions) {
    const p = action.params ?? {};
    switch (action.type) {
      case 'xstate.raise': {
        if (typeof p.delay !== 'number') break; // immediate raises are handled inside the transition
        await Timer.create({
          caseId: c.id, sendId: String(p.id), eventType: (p.event as { type: string }).type,
          dueAt: new Date(now.getTime() + p.delay), status: 'pending',
        }, { transaction: t });
        break;
      }
      case 'xstate.cancel':
        await Timer.update({ status: 'cancelled' }, { where: { caseId: c.id, sendId: String(p.sendId), status: 'pending' }, transaction: t });
        break;
      case 'registerEntry':
        await registerEntries(db, t, c, p);
        break;
      case 'setFlag':
        c.flags = [...c.flags.filter((f) => f.code !== p.code), { code: String(p.code), message: String(p.message), at: now.toISOString() }];
        break;
      case 'clearFlag':
        c.flags = c.flags.filter((f) => f.code !== p.code);
        break;
      default:
        break; // xstate.assign and other built-ins change only the snapshot
    }
  }
}

async function registerEntries(db: Database, t: Transaction, c: EffectCase, p: Record<string, unknown>) {
  const { RegisterEntry } = db.models;
  const rows = p.each ? (getPointer(c.data, p.each as string) as unknown[] | undefined) ?? [] : [c.data];
  const at = (ptr: unknown) => (typeof ptr === 'string' ? getPointer(c.data, ptr) : undefined);
  const parentId = p.parent ? Number(at(p.parent)) || null : null;
  for (const [i, row] of rows.entries()) {
    const keyPointers = (p.key as string[] | undefined) ?? [];
    const key = keyPointers.length ? registerKey(row, keyPointers) : `${c.number}#${i}`;
    if (!key) throw new AppError('RULE_VIOLATION', { message: `登记失败：第 ${i + 1} 条缺少登记所需的字段` });
    const where = { register: p.register, key, parentId, status: 'active' };
    const existing = await RegisterEntry.findOne({ where, transaction: t, raw: true });
    if (existing) {
      if (!p.supersede) {
        throw new AppError('RULE_VIOLATION', { message: `登记失败：「${key.replace(/\|/g, ' ')}」已登记（业务单号 ${c.number}）` });
      }
      await RegisterEntry.update({ status: 'superseded' }, { where: { id: existing.id }, transaction: t });
    }
    const data: Record<string, unknown> = { ...(row as Record<string, unknown>), sourceNumber: c.number };
    for (const [name, ptr] of Object.entries((p.include as Record<string, string>) ?? {})) data[name] = getPointer(c.data, ptr);
    const title = p.title ? getPointer(row, p.title as string) : undefined;
    await RegisterEntry.create({
      register: p.register, key, title: title === undefined ? null : String(title), parentId,
      orgId: c.orgId, district: (at(p.district) as string) ?? c.district, street: (at(p.street) as string) ?? c.street,
      data, caseId: c.id, status: 'active',
    }, { transaction: t });
  }
}
