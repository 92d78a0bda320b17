// 公示: a case whose current state has `meta.public: true` is listed on the portal with the type's
// public fields (settings.publicFields) until it leaves that state; while it is there anyone may
// lodge an 异议 (validated by the type's objection form, settings.objectionForm, default
// "objection"). The period ends when the state's timer is due (its `after` delay), even if the
// poller has not moved the case yet. Reviewers see the objections on the case.
import { Op, type WhereOptions } from 'sequelize';
import { AppError, formInvalid } from '../errors.js';
import type { Engine } from '../context.js';
import { columnList } from '../db/index.js';
import type { SessionUser } from '../auth/types.js';
import { getPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';
import { validateForm } from '../validation/index.js';
import { activePaths, stateConfig, stateTitle } from './states.js';
import { isStaff } from './access.js';

const OBJECTIONS_OF_CASE = `SELECT ${columnList('objections', ['id', 'name', 'contact', 'content', 'createdAt'])} FROM objections WHERE case_id = ? ORDER BY id`;

type Row = Record<string, unknown>;

export const DEFAULT_OBJECTION_FORM = 'objection';

export function isPublicState(def: TypeVersionDef, state: string): boolean {
  return activePaths(state.split(',')).some((p) => stateConfig(def.workflow, p)?.meta?.public === true);
}

function hasPublicState(node: Row): boolean {
  if ((node.meta as Row | undefined)?.public === true) return true;
  return Object.values((node.states as Record<string, Row> | undefined) ?? {}).some(hasPublicState);
}

/** Active cases whose current state is public, as a where clause (no match: an impossible id). */
async function publicCasesWhere(engine: Engine): Promise<WhereOptions> {
  const groups = await engine.db.models.Case.findAll({
    where: { status: 'active' }, attributes: ['typeId', 'typeVersion', 'state'], group: ['typeId', 'typeVersion', 'state'], raw: true,
  });
  const or: WhereOptions[] = [];
  for (const g of groups) {
    const def = await engine.registry.get(g.typeId as string, g.typeVersion as number);
    if (isPublicState(def, g.state as string)) or.push({ typeId: g.typeId, typeVersion: g.typeVersion, state: g.state });
  }
  return or.length ? { status: 'active', [Op.or]: or } : { id: -1 };
}

/** When the public period of a case ends: its earliest pending timer (null when none is set). */
async function periodEnd(engine: Engine, caseId: number): Promise<Date | null> {
  const timer = await engine.db.models.Timer.findOne({ where: { caseId, status: 'pending' }, order: [['dueAt', 'ASC']], raw: true });
  return timer ? new Date(timer.dueAt as string) : null;
}

async function publicView(engine: Engine, row: Row, names: Map<string, string>) {
  const def = await engine.registry.get(row.typeId as string, row.typeVersion as number);
  const { Org, RegisterEntry, CaseEvent } = engine.db.models;
  const org = row.orgId ? await Org.findByPk(row.orgId as number, { attributes: ['name', 'code'], raw: true }) : null;
  const area = row.areaId ? await RegisterEntry.findByPk(row.areaId as number, { attributes: ['id', 'title'], raw: true }) : null;
  const since = await CaseEvent.max('createdAt', { where: { caseId: row.id } });
  const until = await periodEnd(engine, row.id as number);
  const fields = (def.settings.publicFields ?? []).map((f) => ({ field: f.field, title: f.title, value: getPointer(row.data, f.field) ?? null }));
  return {
    // Whether the portal offers 提出异议: a read-only publication (小区动态) takes none.
    objections: takesObjections(engine, def),
    id: row.id, number: row.number, typeId: row.typeId, typeTitle: def.settings.title, title: row.title,
    stateTitle: stateTitle(def.workflow, String(row.state).split(',')),
    district: row.district, districtName: names.get(row.district as string) ?? null,
    street: row.street, streetName: names.get(row.street as string) ?? null,
    org: org ? { name: org.name, code: org.code } : null, area: area ? { id: area.id, title: area.title } : null,
    since, until, fields,
  };
}

async function districtNames(engine: Engine) {
  const rows = await engine.db.models.District.findAll({ attributes: ['code', 'name'], raw: true });
  return new Map(rows.map((r) => [r.code as string, r.name as string]));
}

/** `area`: the register entry id of the area (e.g. the 小区动态 of one 小区). */
export interface PublicityQuery { type?: string; district?: string; area?: number; page?: number; pageSize?: number }

export async function listPublicCases(engine: Engine, q: PublicityQuery) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const and: WhereOptions[] = [await publicCasesWhere(engine)];
  if (q.type) and.push({ typeId: q.type });
  if (q.district) and.push({ district: q.district });
  if (q.area) and.push({ areaId: q.area });
  const { rows, count } = await engine.db.models.Case.findAndCountAll({
    where: { [Op.and]: and }, order: [['updatedAt', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true,
  });
  const names = await districtNames(engine);
  return { total: count, page, pageSize, items: await Promise.all(rows.map((r) => publicView(engine, r, names))) };
}

async function publicCase(engine: Engine, caseId: number): Promise<{ row: Row; def: TypeVersionDef }> {
  const row = await engine.db.models.Case.findByPk(caseId, { raw: true });
  const def = row && await engine.registry.get(row.typeId as string, row.typeVersion as number);
  // A case that is not public now is not found: its existence is not the portal's business.
  if (!row || !def || row.status !== 'active' || !isPublicState(def, row.state as string)) throw new AppError('NOT_FOUND', { what: '公示信息' });
  return { row, def };
}

export async function publicCaseView(engine: Engine, caseId: number) {
  const { row } = await publicCase(engine, caseId);
  return publicView(engine, row, await districtNames(engine));
}

/** Whether a type's public cases take 异议: an objection form exists and settings.objections is not false. */
export function takesObjections(engine: Engine, def: TypeVersionDef): boolean {
  return def.settings.objections !== false && !!engine.registry.decisionForms[def.settings.objectionForm ?? DEFAULT_OBJECTION_FORM];
}

/** Lodges one 异议 on a case in its public period; refused once the period has ended. */
export async function lodgeObjection(engine: Engine, caseId: number, body: unknown, ip: string) {
  const row = await engine.db.models.Case.findByPk(caseId, { raw: true });
  if (!row) throw new AppError('NOT_FOUND', { what: '公示信息' });
  const def = await engine.registry.get(row.typeId as string, row.typeVersion as number);
  const form = engine.registry.decisionForms[def.settings.objectionForm ?? DEFAULT_OBJECTION_FORM];
  const everPublic = hasPublicState(def.workflow as unknown as Row);
  // settings.objections false: published for reading only (e.g. a notice), no 异议 taken.
  if (!everPublic || !takesObjections(engine, def)) throw new AppError('NOT_FOUND', { what: '公示信息' });
  if (row.status !== 'active' || !isPublicState(def, row.state as string)) {
    throw new AppError('RULE_VIOLATION', { message: '该业务当前不在公示期内，不受理异议' });
  }
  const until = await periodEnd(engine, caseId);
  if (until && until.getTime() <= Date.now()) {
    throw new AppError('RULE_VIOLATION', { message: `公示期已于 ${until.toISOString()} 结束，不再受理异议` });
  }
  const errors = validateForm(engine.ajv, form, body ?? {});
  if (errors.length) throw formInvalid(errors);
  const b = body as Row;
  const created = await engine.db.models.Objection.create({
    caseId, name: String(b.name).trim(), contact: String(b.contact).trim(), content: String(b.content).trim(), ip,
  });
  const o = created.get({ plain: true }) as Row;
  return { id: o.id, caseId, createdAt: o.createdAt };
}

/**
 * The objections of a case for its view: departments see who lodged them and how to reach them;
 * the applicant sees what was objected, not by whom (the objector's name and phone are theirs).
 */
export async function objectionsFor(engine: Engine, user: SessionUser, caseId: number): Promise<Row[]> {
  const rows = await engine.db.read.all(OBJECTIONS_OF_CASE, [caseId]);
  const full = isStaff(engine.registry.roles, user);
  return rows.map((o) => (full
    ? { id: o.id, name: o.name, contact: o.contact, content: o.content, createdAt: o.createdAt }
    : { id: o.id, content: o.content, createdAt: o.createdAt }));
}
