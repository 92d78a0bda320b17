// Executes what a pure XState transition returned, inside the transition's transaction:
// delayed raises become durable timer rows, cancels cancel them, and vocabulary actions write
// outside the case (register entries) or onto it (flags). Nothing here runs outside the transaction.
import type { Transaction } from 'sequelize';
import { AppError } from '../errors.js';
import { getPointer, setPointer, type TypeVersionDef } from '../registry/index.js';
import type { Database } from '../db/index.js';
import { sqlValue } from '../db/raw.js';
import type { Engine } from '../context.js';
import { registerKey } from './rules.js';
import { entryValidity } from './data-fill.js';
import { orgFacts } from './prefill.js';
import { aggregateNumbers, type AggregateParams } from './aggregate.js';
import { createCaseInTx } from './case-runtime.js';
import { applyTransition, type CaseRow } from './transition.js';
import { keepEntry } from './effects-entries.js';

export interface Flag { code: string; message: string; at: string }

export interface EffectCase {
  id: number;
  number: string;
  orgId: number | null;
  district: string | null;
  street: string | null;
  data: Record<string, unknown>;
  flags: Flag[];
  /** The decision data of the event being handled (an opinion, a dispatch, a score …). */
  decision?: Record<string, unknown>;
}

interface ExecAction { type: string; params?: Record<string, unknown> }

export async function runEffects(engine: Engine, t: Transaction, c: EffectCase, actions: ExecAction[], now: Date): Promise<void> {
  const { db } = engine;
  const v = (value: unknown) => sqlValue(db.dialect, value);
  for (const action of actions) {
    const p = action.params ?? {};
    switch (action.type) {
      case 'xstate.raise': {
        if (typeof p.delay !== 'number') break; // immediate raises are handled inside the transition
        await db.sql(t).run(
          "INSERT INTO timers (case_id, send_id, event_type, due_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
          [c.id, String(p.id), (p.event as { type: string }).type, v(new Date(now.getTime() + p.delay)), v(now), v(now)],
        );
        break;
      }
      case 'xstate.cancel':
        await db.sql(t).run("UPDATE timers SET status = 'cancelled', updated_at = ? WHERE case_id = ? AND send_id = ? AND status = 'pending'", [v(now), c.id, String(p.sendId)]);
        break;
      case 'registerEntry':
        await registerEntries(db, t, c, p, now);
        break;
      case 'setFlag':
        c.flags = [...c.flags.filter((f) => f.code !== p.code), { code: String(p.code), message: String(p.message), at: now.toISOString() }];
        break;
      case 'clearFlag':
        c.flags = c.flags.filter((f) => f.code !== p.code);
        break;
      case 'setData':
        c.data = setPointer(c.data, String(p.path), p.now ? now.toISOString() : p.fromDecision ? getPointer(c.decision ?? {}, String(p.fromDecision)) : p.value);
        break;
      case 'startCase':
        await startCases(engine, t, c, p, now);
        break;
      case 'aggregateNumbers':
        c.data = aggregateNumbers(c.data, p as unknown as AggregateParams);
        break;
      case 'keepEntry':
        await keepEntry(engine, t, c, p);
        break;
      case 'retireEntries':
        await db.models.RegisterEntry.update({ status: 'withdrawn' }, { where: { register: String(p.register), caseId: c.id, status: 'active' }, transaction: t });
        break;
      default:
        break; // xstate.assign and other built-ins change only the snapshot
    }
  }
}

async function registerEntries(db: Database, t: Transaction, c: EffectCase, p: Record<string, unknown>, now: Date) {
  const raw = db.sql(t);
  const v = (value: unknown) => sqlValue(db.dialect, value);
  const rows = p.each ? (getPointer(c.data, p.each as string) as unknown[] | undefined) ?? [] : [c.data];
  const at = (ptr: unknown) => (typeof ptr === 'string' ? getPointer(c.data, ptr) : undefined);
  const parentId = p.parent ? Number(at(p.parent)) || null : null;
  for (const [i, row] of rows.entries()) {
    const keyPointers = (p.key as string[] | undefined) ?? [];
    const key = keyPointers.length ? registerKey(row, keyPointers) : `${c.number}#${i}`;
    if (!key) throw new AppError('RULE_VIOLATION', { message: `登记失败：第 ${i + 1} 条缺少登记所需的字段` });
    if (db.dialect === 'postgres') {
      // Two transactions registering the same key at once: the second waits here until the first
      // commits, then sees its entry. (SQLite serializes write transactions already.)
      await db.sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:k))', { replacements: { k: `${String(p.register)}|${parentId ?? ''}|${key}` }, transaction: t });
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
    for (const [name, ptr] of Object.entries((p.include as Record<string, string>) ?? {})) data[name] = getPointer(c.data, ptr);
    Object.assign(data, p.constants ?? {}, entryValidity(c.data, p.validity as { from: string; years: number } | undefined));
    // orgFrom: the entry belongs to another organisation than the case's (a bad record to the company complained about).
    const orgId = p.orgFrom ? Number(at(p.orgFrom)) || null : c.orgId;
    if (p.orgFields) {
      const org = await orgFacts(db, orgId, t);
      for (const [name, ptr] of Object.entries(p.orgFields as Record<string, string>)) data[name] = org ? getPointer(org, ptr) : undefined;
    }
    const title = p.title ? getPointer(row, p.title as string) : undefined;
    await raw.run(
      `INSERT INTO register_entries ("register", "key", title, parent_id, org_id, district, street, data, case_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      [p.register, key, title === undefined || title === null ? null : String(title), parentId, orgId,
        (at(p.district) as string) ?? c.district ?? null, (at(p.street) as string) ?? c.street ?? null, v(data), c.id, v(now), v(now)],
    );
  }
}

async function startCases(engine: Engine, t: Transaction, c: EffectCase, p: Record<string, unknown>, now: Date) {
  const rows = p.each ? ((getPointer(c.data, String(p.each)) as unknown[] | undefined) ?? []) : [c.data];
  const where = p.where as { path: string; equals: unknown } | undefined;
  for (const row of rows) {
    if (where && getPointer(row, where.path) !== where.equals) continue;
    // Looked up only when a case is really started: no matching row, no need for the type.
    const def = engine.registry.current(String(p.type));
    if (!def) throw new AppError('RULE_VIOLATION', { message: `无法发起业务：业务类型 ${String(p.type)} 不存在` });
    const data: Record<string, unknown> = {};
    for (const [to, from] of Object.entries((p.data as Record<string, string>) ?? {})) data[to] = getPointer(c.data, from);
    for (const [to, from] of Object.entries((p.rowData as Record<string, string>) ?? {})) data[to] = getPointer(row, from);
    const orgId = p.orgFrom ? Number(getPointer(c.data, String(p.orgFrom))) || null : c.orgId;
    Object.assign(data, p.constants ?? {});
    const link = (p.link as { id?: string; number?: string; org?: string } | undefined) ?? {};
    if (link.id) data[link.id] = c.id;
    if (link.number) data[link.number] = c.number;
    if (link.org && c.orgId) data[link.org] = c.orgId;
    const actorName = `系统（由业务单 ${c.number} 发起）`;
    const created = await createCaseInTx(engine, t, def, { data, orgId, createdBy: null, actorName }, now);
    if (p.event) await sendStartEvent(engine, t, def, created, String(p.event), actorName, now);
  }
}

/** The event a started case gets at once (e.g. a facility registered by an approval is saved, 在用). */
async function sendStartEvent(engine: Engine, t: Transaction, def: TypeVersionDef, row: CaseRow, event: string, actorName: string, now: Date) {
  const tasks = await engine.db.models.Task.findAll({ where: { caseId: row.id, status: 'open' }, transaction: t, raw: true });
  const task = tasks.find((x) => (x.events as Record<string, unknown>)[event]);
  await applyTransition(engine, t, def, row, { event, data: row.data, actorId: null, actorName, taskId: (task?.id as number | undefined) ?? null, now });
}
