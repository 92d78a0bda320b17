// Dashboard breakdowns: counts and average scores per group (per company, per area) of the cases
// of a type or the entries of a register, as their definitions declare in `dashboard` — e.g.
// complaints by company with the complainants' ratings, evaluation scores by area. Generic: which
// figures exist is data; the engine only groups and averages.
import { Op, type WhereOptions } from 'sequelize';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import { pointerKeys } from '../registry/pointer.js';
import type { Breakdown, DashboardSetting } from '../registry/types.js';
import { caseVisibilityWhere, scopeOf } from './access.js';

const MAX_ROWS = 20_000;
const MAX_GROUPS = 50;
const NONE = '（未确定）';

export type { Breakdown };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The values at a pointer, reading through lists: "/ratings/score" is the score of every rating
 * collected in /ratings. An object at the end gives its numbers (every score answer of a survey).
 */
export function valuesAt(doc: unknown, pointer: string): unknown[] {
  let current: unknown[] = [doc];
  for (const key of pointerKeys(pointer)) {
    current = current.flatMap((v) => {
      if (Array.isArray(v)) return /^\d+$/.test(key) ? [v[Number(key)]] : v.map((x) => (isObj(x) ? x[key] : undefined));
      return isObj(v) ? [v[key]] : [];
    });
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : [v])).filter((v) => v !== undefined && v !== null && v !== '');
}

const numbers = (doc: unknown, pointer: string) => valuesAt(doc, pointer).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const round2 = (n: number) => Math.round(n * 100) / 100;

function breakdownsOf(source: Breakdown['source'], id: string, title: string, setting: DashboardSetting, docs: unknown[]): Breakdown[] {
  const measures = setting.measures ?? [];
  const name = setting.title ?? title;
  return setting.groupBy.map((g) => {
    const groups = new Map<string, { count: number; sums: number[]; ns: number[] }>();
    for (const doc of docs) {
      const first = valuesAt(doc, g.field)[0];
      const label = first === undefined ? NONE : String(first);
      const row = groups.get(label) ?? { count: 0, sums: measures.map(() => 0), ns: measures.map(() => 0) };
      row.count++;
      measures.forEach((m, i) => {
        for (const n of numbers(doc, m.field)) { row.sums[i] += n; row.ns[i]++; }
      });
      groups.set(label, row);
    }
    const rows = [...groups.entries()]
      .map(([label, r]) => ({ label, count: r.count, values: r.sums.map((s, i) => (r.ns[i] ? round2(s / r.ns[i]) : null)) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))
      .slice(0, MAX_GROUPS);
    return { key: `${source}:${id}:${g.field}`, source, id, title: `${name}（按${g.title}）`, group: g.title, measures: measures.map((m) => m.title), rows };
  });
}

/** Every breakdown the definitions declare, over what the user may see: their district's cases and entries. */
export async function dashboardBreakdowns(engine: Engine, user: SessionUser): Promise<Breakdown[]> {
  const { Case, RegisterEntry } = engine.db.models;
  const out: Breakdown[] = [];
  const types = engine.registry.list()
    .filter((d) => d.settings.dashboard)
    .sort((a, b) => (a.settings.order ?? 100) - (b.settings.order ?? 100));
  for (const def of types) {
    const rows = await Case.findAll({
      where: { [Op.and]: [caseVisibilityWhere(engine.registry.roles, user), { typeId: def.id, status: { [Op.ne]: 'draft' } }] },
      attributes: ['data'], order: [['id', 'DESC']], limit: MAX_ROWS, raw: true,
    });
    out.push(...breakdownsOf('type', def.id, def.settings.title, def.settings.dashboard as DashboardSetting, rows.map((r) => r.data)));
  }
  // A department sees its district's entries, an administrator all (as GET /api/reports/:register).
  const entryScope: WhereOptions = scopeOf(engine.registry.roles, user) === 'all' ? {} : { district: user.district ?? '' };
  for (const [id, reg] of Object.entries(engine.registry.registers)) {
    if (!reg.dashboard) continue;
    const rows = await RegisterEntry.findAll({
      where: { [Op.and]: [entryScope, { register: id, status: 'active' }] },
      attributes: ['data'], order: [['id', 'DESC']], limit: MAX_ROWS, raw: true,
    });
    out.push(...breakdownsOf('register', id, reg.title, reg.dashboard, rows.map((r) => r.data)));
  }
  return out;
}
