// Reading register entries for the HTTP API: inside the platform scoped like cases (an organisation
// its own entries, a department its district, an administrator all: entryVisibilityWhere), and on
// the portal only the active entries of a public register. The routes check that the register
// exists and shape the answer; the queries live here.
import { Op, type WhereOptions } from 'sequelize';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/index.js';
import { entryVisibilityWhere } from './access.js';

type Row = Record<string, unknown>;

/** A LIKE pattern matching text that contains q literally (%, _ and \ escaped). */
const containing = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export interface EntryListQuery {
  parentId?: number;
  q?: string;
  status: 'active' | 'superseded' | 'all';
  page: number;
  pageSize: number;
}

/** One page of a register's entries the user may see, oldest first; q matches title or key. */
export async function listVisibleEntries(engine: Engine, user: SessionUser, register: string, query: EntryListQuery): Promise<{ rows: Row[]; count: number }> {
  const { parentId, q, status, page, pageSize } = query;
  const and: WhereOptions[] = [{ register }, entryVisibilityWhere(engine.registry.roles, user)];
  if (status !== 'all') and.push({ status });
  if (parentId) and.push({ parentId });
  if (q) and.push({ [Op.or]: [{ title: { [Op.like]: containing(q) } }, { key: { [Op.like]: containing(q) } }] });
  return engine.db.models.RegisterEntry.findAndCountAll({
    where: { [Op.and]: and }, order: [['id', 'ASC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true,
  });
}

/** An entry the user may see (any status), in the given register or, without one, in any. */
export async function findVisibleEntry(engine: Engine, user: SessionUser, id: number, register?: string): Promise<Row | null> {
  return engine.db.models.RegisterEntry.findOne({
    where: { [Op.and]: [register === undefined ? { id } : { id, register }, entryVisibilityWhere(engine.registry.roles, user)] }, raw: true,
  });
}

/**
 * The data of the active entries a report summarises, oldest first, at most limit: the children of
 * parentId (whoever may see the parent has been checked by the caller), else those the user may see.
 */
export async function reportEntryData(engine: Engine, user: SessionUser, register: string, parentId: number | undefined, limit: number): Promise<Row[]> {
  const where: WhereOptions[] = [{ register, status: 'active' }];
  where.push(parentId ? { parentId } : entryVisibilityWhere(engine.registry.roles, user));
  const rows = await engine.db.models.RegisterEntry.findAll({ where: { [Op.and]: where }, attributes: ['data'], order: [['id', 'ASC']], limit, raw: true });
  return rows.map((r) => (r.data ?? {}) as Row);
}

export interface PublicEntryQuery {
  district?: string;
  q?: string;
  parentId?: number;
  page: number;
  pageSize: number;
}

/** One page of a public register's active entries, newest first; q matches the title. */
export async function listPublicEntries(engine: Engine, register: string, query: PublicEntryQuery): Promise<{ rows: Row[]; count: number }> {
  const { district, q, parentId, page, pageSize } = query;
  const where: Record<string | symbol, unknown> = { register, status: 'active' };
  if (district) where.district = district;
  if (parentId) where.parentId = parentId;
  if (q) where.title = { [Op.like]: containing(q) };
  return engine.db.models.RegisterEntry.findAndCountAll({
    where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true,
  });
}

/** An active entry of a register, as the portal may show it (the caller picks the public fields). */
export async function findActiveEntry(engine: Engine, register: string, id: number): Promise<Row | null> {
  return engine.db.models.RegisterEntry.findOne({ where: { id, register, status: 'active' }, raw: true });
}

/** District and street names by code, for the portal's entries. */
export async function districtNames(engine: Engine): Promise<Map<string, string>> {
  const rows = await engine.db.models.District.findAll({ attributes: ['code', 'name'], raw: true });
  return new Map(rows.map((r) => [r.code as string, r.name as string]));
}
