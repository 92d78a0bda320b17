// Builds one organisation's profile from its definition: each section reads register entries or
// cases selected by the organisation or its areas, then shows fields, counts by a field, or both.
// A section whose register or type does not exist (not built yet on this installation) is answered
// empty and marked unavailable rather than failing the page. The public variant keeps only public
// sections and masks ID numbers (个人信息保护法).
import { Op, type WhereOptions } from 'sequelize';
import type { Engine } from '../context.js';
import { getPointer } from '../registry/index.js';
import { checkIdNumber, maskIdNumber } from '../validation/index.js';
import type { ProfileDef, SectionDef, SourceDef } from './definition.js';

type Row = Record<string, unknown>;
export interface ProfileOrg { id: number; kind: string; code: string; name: string; district: string | null; local: boolean | null; data: Row }

interface Item { id: number | null; title: string | null; number?: string | null; state?: string | null; at?: unknown; data: Row }

const DEFAULT_LIMIT = 500;

/** The ids of the organisation's areas: parents of its active entries in the profile's area registers. */
async function areaIds(engine: Engine, def: ProfileDef, org: ProfileOrg): Promise<number[]> {
  if (!def.areas) return [];
  const rows = await engine.db.models.RegisterEntry.findAll({
    where: { register: def.areas.registers, orgId: org.id, status: 'active', parentId: { [Op.ne]: null } }, attributes: ['parentId'], raw: true,
  });
  return [...new Set(rows.map((r) => r.parentId as number))];
}

function selectWhere(src: SourceDef, org: ProfileOrg, areas: number[], areaColumn: string): WhereOptions {
  const or: WhereOptions[] = [];
  for (const s of src.select ?? ['org']) {
    if (s === 'org') or.push({ orgId: org.id });
    if (s === 'areas' && areas.length) or.push({ [areaColumn]: areas });
  }
  return or.length ? { [Op.or]: or } : { id: -1 };
}

const matches = (data: unknown, where?: Record<string, unknown>) =>
  Object.entries(where ?? {}).every(([ptr, v]) => getPointer(data, ptr) === v);

/** The items of one source, newest first; undefined when its register or type does not exist. */
async function read(engine: Engine, src: SourceDef, org: ProfileOrg, areas: number[], limit: number): Promise<Item[] | undefined> {
  if (src.org) return [{ id: org.id, title: org.name, data: { ...org.data, name: org.name, code: org.code, district: org.district, local: org.local } }];
  const max = src.latest ? 1 : limit;
  if (src.register) {
    if (!engine.registry.registers[src.register]) return undefined;
    const and: WhereOptions[] = [{ register: src.register }, selectWhere(src, org, areas, 'parentId')];
    if ((src.status ?? 'active') === 'active') and.push({ status: 'active' });
    const rows = await engine.db.models.RegisterEntry.findAll({ where: { [Op.and]: and }, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: 5000, raw: true });
    return rows.filter((r) => matches(r.data, src.where)).slice(0, max)
      .map((r) => ({ id: r.id as number, title: (r.title as string | null) ?? null, state: r.status as string, at: r.createdAt, data: (r.data as Row) ?? {} }));
  }
  const type = engine.registry.current(src.cases!);
  if (!type) return undefined;
  const and: WhereOptions[] = [{ typeId: src.cases }, selectWhere(src, org, areas, 'areaId')];
  and.push(src.states ? { state: src.states } : { status: { [Op.ne]: 'draft' } });
  const rows = await engine.db.models.Case.findAll({
    where: { [Op.and]: and }, attributes: ['id', 'number', 'title', 'state', 'data', 'updatedAt'], order: [['updatedAt', 'DESC'], ['id', 'DESC']], limit: 10_000, raw: true,
  });
  return rows.filter((r) => matches(r.data, src.where)).slice(0, src.latest ? 1 : undefined)
    .map((r) => ({ id: r.id as number, title: (r.title as string | null) ?? null, number: r.number as string, state: r.state as string, at: r.updatedAt, data: (r.data as Row) ?? {} }));
}

const isIdNumber = (v: unknown): v is string => typeof v === 'string' && v.length === 18 && checkIdNumber(v).ok;

/** Masks the listed fields and, defensively, any value that is a valid ID number. */
function maskDeep(value: unknown): unknown {
  if (isIdNumber(value)) return maskIdNumber(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}

function fieldsOf(fields: Array<{ field: string }>, item: Item, masked: Set<string>, publicView: boolean): Row {
  const out: Row = {};
  for (const f of fields) {
    let v = getPointer(item.data, f.field) ?? null;
    if (publicView && masked.has(f.field) && typeof v === 'string') v = maskIdNumber(v);
    out[f.field.slice(1)] = publicView ? maskDeep(v) : v;
  }
  return out;
}

function groups(items: Item[], by: string): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const v = getPointer(item.data, by);
    for (const x of Array.isArray(v) ? v : [v]) {
      const key = x === undefined || x === null || x === '' ? '未填写' : String(x);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh'));
}

async function section(engine: Engine, s: SectionDef, org: ProfileOrg, areas: number[], publicView: boolean) {
  const limit = s.limit ?? DEFAULT_LIMIT;
  let items = await read(engine, s.from, org, areas, limit);
  const available = items !== undefined;
  let fields = s.fields;
  if ((!items || items.length === 0) && s.fallback) {
    items = await read(engine, s.fallback.from, org, areas, limit);
    fields = s.fallback.fields ?? s.fields;
  }
  const list = items ?? [];
  const masked = new Set([...(s.masked ?? []), ...(s.from.register ? (engine.registry.registers[s.from.register]?.maskedFields ?? []).map((f) => `/${f}`) : [])]);
  const out: Row = { name: s.name, title: s.title, public: !!s.public, available };
  if (s.groupBy) Object.assign(out, { total: list.length, groups: groups(list, s.groupBy) });
  if (fields) {
    out.columns = fields.map((f) => ({ name: f.field.slice(1), title: f.title }));
    const rows = list.map((item) => ({
      id: publicView ? undefined : item.id, title: item.title, number: publicView ? undefined : item.number, state: item.state ?? null,
      fields: fieldsOf(fields, item, masked, publicView),
    }));
    if (s.from.latest) out.item = rows[0] ?? null;
    else Object.assign(out, { total: list.length, items: rows });
  }
  return out;
}

export async function buildProfile(engine: Engine, name: string, def: ProfileDef, org: ProfileOrg, opts: { publicView: boolean }) {
  const areas = await areaIds(engine, def, org);
  const sections = [];
  for (const s of def.sections) {
    if (opts.publicView && !s.public) continue;
    sections.push(await section(engine, s, org, areas, opts.publicView));
  }
  return {
    profile: name, title: def.title, public: opts.publicView,
    org: { code: org.code, name: org.name, kind: org.kind, district: org.district, local: org.local },
    areaIds: opts.publicView ? undefined : areas,
    generatedAt: new Date().toISOString(),
    sections,
  };
}
