// What the API answers about cases: the list (scoped to the caller, filtered, paged) and one case
// with its tasks, the actions the caller may take now, its history and its attachments.
import { Op, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { caseVisibilityWhere, canSeeCase, userMatchesTask } from './access.js';
import { isEditable, stateTitle } from './states.js';
import { tagPattern } from './index-fields.js';
import { objectionsFor } from './publicity.js';

export interface CaseListQuery {
  type?: string;
  state?: string;
  status?: string;
  q?: string;
  /** Tag filters declared in settings.filters, e.g. `area:5`; several must all match. */
  filter?: string | string[];
  page?: number;
  pageSize?: number;
}

const escapeLike = (s: string) => `%${s.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** The cases a list query selects for this caller: their scope plus the filters (also used by the Excel export). */
export function caseListWhere(user: SessionUser, query: CaseListQuery): WhereOptions {
  const and: WhereOptions[] = [caseVisibilityWhere(user)];
  if (query.type) and.push({ typeId: query.type });
  if (query.state) and.push({ state: query.state });
  if (query.status) and.push({ status: query.status });
  if (query.q) {
    const like = escapeLike(query.q);
    and.push({ [Op.or]: [{ number: { [Op.like]: like } }, { title: { [Op.like]: like } }, { search: { [Op.like]: like } }] });
  }
  for (const f of [query.filter ?? []].flat()) and.push({ tags: { [Op.like]: tagPattern(f) } });
  return { [Op.and]: and };
}

export async function listCases(engine: Engine, user: SessionUser, query: CaseListQuery) {
  const { Case } = engine.db.models;
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const { rows, count } = await Case.findAndCountAll({
    where: caseListWhere(user, query),
    attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'status', 'district', 'orgId', 'version', 'flags', 'createdAt', 'updatedAt', 'submittedAt', 'closedAt'],
    order: [['updatedAt', 'DESC'], ['id', 'DESC']],
    limit: pageSize, offset: (page - 1) * pageSize, raw: true,
  });
  const items = await Promise.all(rows.map(async (r) => {
    const def = await engine.registry.get(r.typeId as string, r.typeVersion as number);
    return { ...r, typeTitle: def.settings.title, stateTitle: stateTitle(def.workflow, String(r.state).split(',')) };
  }));
  return { total: count, page, pageSize, items };
}

export async function caseView(engine: Engine, user: SessionUser, caseId: number) {
  if (!(await canSeeCase(engine.db, user, caseId))) throw new AppError('NOT_FOUND', { what: '业务单' });
  const { Case, Task, CaseEvent, CaseFile, File, Org } = engine.db.models;
  const row = await Case.findByPk(caseId, { raw: true });
  if (!row) throw new AppError('NOT_FOUND', { what: '业务单' });
  const def = await engine.registry.get(row.typeId as string, row.typeVersion as number);
  const leaves = String(row.state).split(',');
  const tasks = await Task.findAll({ where: { caseId }, order: [['id', 'ASC']], raw: true });
  const history = await CaseEvent.findAll({ where: { caseId }, order: [['seq', 'ASC']], raw: true });
  const links = await CaseFile.findAll({ where: { caseId }, raw: true });
  const files = links.length ? await File.findAll({ where: { id: links.map((l) => l.fileId as string) }, attributes: ['id', 'name', 'size', 'mime', 'sha256', 'createdAt'], raw: true }) : [];
  const org = row.orgId ? await Org.findByPk(row.orgId as number, { attributes: ['id', 'name', 'code', 'kind', 'warnings'], raw: true }) : null;
  const openTasks = tasks.filter((t) => t.status === 'open');
  // What the caller can do now: the events of open tasks they match, with their decision forms.
  const actions = openTasks.filter((t) => userMatchesTask(user, t as never)).flatMap((t) =>
    Object.entries(t.events as Record<string, { title: string; form?: string; validate?: boolean }>).map(([event, e]) => ({
      taskId: t.id, event, title: e.title, form: e.form ?? null, validate: !!e.validate,
      formSchema: e.form ? engine.registry.decisionForms[e.form] : null,
      claimedBy: t.assigneeId ?? null,
    })));
  const lastReturn = [...history].reverse().find((h) => h.payload && Array.isArray((h.payload as { items?: unknown }).items));
  return {
    ...row,
    typeTitle: def.settings.title,
    stateTitle: stateTitle(def.workflow, leaves),
    editable: isEditable(def.workflow, leaves) && row.orgId === user.orgId,
    org,
    tasks: tasks.map((t) => ({ ...t, overdue: t.status === 'open' && !!t.dueAt && new Date(t.dueAt as string) < new Date() })),
    actions,
    history,
    attachments: files,
    notice: row.state !== 'closed' && lastReturn && isEditable(def.workflow, leaves) ? lastReturn.payload : null,
    path: history.map((h) => h.toState).filter(Boolean),
    objections: await objectionsFor(engine, user, caseId),
  };
}
