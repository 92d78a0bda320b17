// What the API answers about cases: the list (scoped to the caller, filtered, paged) and one case
// with its tasks, the actions the caller may take now, its history and its attachments.
import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import { columnList } from '../db/index.js';
import type { SessionUser } from '../auth/types.js';
import type { Roles } from '../registry/index.js';
import { caseVisibilityBranches, caseVisibilityWhere, canSeeCaseRow, userMatchesTask } from './access.js';
import { isEditable, stateTitle } from './states.js';
import { printsNow } from './prints-now.js';
import { tagPattern } from './index-fields.js';
import { objectionsFor } from './publicity.js';
import { listColumnValues } from './list-columns.js';

// The column lists of the case page's statements, from the schema (engine/db/schema.ts).
const FILES_OF_CASE = `SELECT ${columnList('files', ['id', 'name', 'size', 'mime', 'sha256', 'createdAt'], 'f')}`
  + ' FROM case_files cf JOIN files f ON f.id = cf.file_id WHERE cf.case_id = ? ORDER BY f.created_at, f.id';
const ORG_OF_CASE = `SELECT ${columnList('orgs', ['id', 'name', 'code', 'kind', 'warnings'])} FROM orgs WHERE id = ?`;

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
export function caseListWhere(roles: Roles, user: SessionUser, query: CaseListQuery): WhereOptions {
  const and: WhereOptions[] = [caseVisibilityWhere(roles, user)];
  if (query.type) and.push({ typeId: query.type });
  if (query.state) and.push({ state: query.state });
  if (query.status) and.push({ status: query.status });
  if (query.q) {
    const q = query.q.trim();
    if (NUMBER_EXACT.test(q)) and.push({ number: q });
    else if (NUMBER_PREFIX.test(q)) and.push({ number: { [Op.startsWith]: q } });
    else {
      const like = escapeLike(query.q);
      and.push({ [Op.or]: [{ number: { [Op.like]: like } }, { title: { [Op.like]: like } }, { search: { [Op.like]: like } }] });
    }
  }
  for (const f of [query.filter ?? []].flat()) and.push({ tags: { [Op.like]: tagPattern(f) } });
  return { [Op.and]: and };
}

// A search text that is a business number (WYQY-2026-000123) finds that case by its unique index;
// the beginning of one (WYQY-2026-0001) the cases whose number starts with it. Anything else is
// searched as a substring of the number, title (and list search fields) as before.
const NUMBER_EXACT = /^[A-Z]{2,8}-\d{4}-\d{6}$/;
const NUMBER_PREFIX = /^[A-Z]{2,8}-\d{4}-\d{1,5}$/;

/** The SQL condition on `cases c` for a number-shaped search text, or null for a substring search. */
export function numberSearch(text: string, dialect: string): { sql: string; param: string; value: string } | null {
  const q = text.trim();
  if (NUMBER_EXACT.test(q)) return { sql: 'c.number = :qNumber', param: 'qNumber', value: q };
  if (!NUMBER_PREFIX.test(q)) return null;
  // Only [A-Z0-9-]: nothing to escape. SQLite's LIKE ignores case and so cannot use the (binary)
  // unique index; GLOB can. PostgreSQL: LIKE 'X%' on cases_number_pattern (varchar_pattern_ops).
  return dialect === 'sqlite'
    ? { sql: 'c.number GLOB :qNumber', param: 'qNumber', value: `${q}*` }
    : { sql: 'c.number LIKE :qNumber', param: 'qNumber', value: `${q}%` };
}

/** Counts of list pages stop after this many rows past the page's offset (answered with totalCapped). */
const LIST_COUNT_CAP = 1000;

export async function listCases(engine: Engine, user: SessionUser, query: CaseListQuery) {
  const { Case } = engine.db.models;
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const offset = (page - 1) * pageSize;
  // caseListWhere as SQL: the visibility branches (disjoint) and the filters.
  const vis = caseVisibilityBranches(engine.registry.roles, user, engine.db.dialect);
  const branches = vis ? vis.branches : ['1 = 1'];
  const params: Record<string, unknown> = { ...(vis?.params ?? {}) };
  const filters: string[] = [];
  if (query.type) { filters.push('c.type_id = :lcType'); params.lcType = query.type; }
  if (query.state) { filters.push('c.state = :lcState'); params.lcState = query.state; }
  if (query.status) { filters.push('c.status = :lcStatus'); params.lcStatus = query.status; }
  if (query.q) {
    const search = numberSearch(query.q, engine.db.dialect);
    if (search) { filters.push(search.sql); params[search.param] = search.value; } else {
      filters.push('(c.number LIKE :lcLike OR c.title LIKE :lcLike OR c.search LIKE :lcLike)');
      params.lcLike = escapeLike(query.q);
    }
  }
  [query.filter ?? []].flat().forEach((f, i) => { filters.push(`c.tags LIKE :lcTag${i}`); params[`lcTag${i}`] = tagPattern(f); });
  const where = (branch: string) => [`(${branch})`, ...filters].join(' AND ');
  // Each branch's first offset + pageSize cases, newest first (on its index), merged and cut to the page.
  params.lcLimit = offset + pageSize;
  params.lcPageSize = pageSize;
  params.lcOffset = offset;
  const pageSql = branches.map((b, i) => `SELECT id, updated_at FROM (SELECT c.id, c.updated_at FROM cases c WHERE ${where(b)} ORDER BY c.updated_at DESC, c.id DESC LIMIT :lcLimit) b${i}`)
    .join(' UNION ALL ') + ' ORDER BY updated_at DESC, id DESC LIMIT :lcPageSize OFFSET :lcOffset';
  // The count stops after LIST_COUNT_CAP rows past the offset per branch: a department's list has
  // tens of thousands of cases, and counting them all on every page costs more than the page.
  const cap = offset + LIST_COUNT_CAP;
  params.lcCountLimit = cap + 1;
  const countSql = 'SELECT ' + branches.map((b, i) => `(SELECT count(*) FROM (SELECT 1 AS one FROM cases c WHERE ${where(b)} LIMIT :lcCountLimit) k${i}) AS n${i}`).join(', ');
  const sequelize = engine.db.sequelize;
  const [pageRows, [counts]] = await Promise.all([
    sequelize.query<{ id: number }>(pageSql, { replacements: params, type: QueryTypes.SELECT }),
    sequelize.query<Record<string, number | string>>(countSql, { replacements: params, type: QueryTypes.SELECT }),
  ]);
  const perBranch = Object.values(counts).map(Number);
  const capped = perBranch.some((n) => n > cap);
  const rows = pageRows.length ? await Case.findAll({
    where: { id: pageRows.map((r) => Number(r.id)) },
    attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'status', 'district', 'orgId', 'version', 'flags', 'createdAt', 'updatedAt', 'submittedAt', 'closedAt'],
    order: [['updatedAt', 'DESC'], ['id', 'DESC']],
    raw: true,
  }) : [];
  const defs = await Promise.all(rows.map((r) => engine.registry.get(r.typeId as string, r.typeVersion as number)));
  const columns = await listColumnValues(engine, rows.map((r, i) => ({ id: r.id as number, def: defs[i] })));
  const items = rows.map((r, i) => ({
    ...r, typeTitle: defs[i].settings.title, stateTitle: stateTitle(defs[i].workflow, String(r.state).split(',')),
    columns: columns.get(r.id as number) ?? {},
  }));
  // Capped: total is the cap (at least that many; the pager still reaches the next pages) and totalCapped says so.
  return capped
    ? { total: cap, totalCapped: true, page, pageSize, items }
    : { total: perBranch.reduce((a, b) => a + b, 0), page, pageSize, items };
}

export async function caseView(engine: Engine, user: SessionUser, caseId: number) {
  // Prepared statements (engine/db/raw.ts): every write answers this view, so it is a hot path.
  const read = engine.db.read;
  const row = await read.get('SELECT * FROM cases WHERE id = ?', [caseId]);
  if (!row || !(await canSeeCaseRow(read, engine.registry.roles, user, row as { id: number }))) throw new AppError('NOT_FOUND', { what: '业务单' });
  const def = await engine.registry.get(row.typeId as string, row.typeVersion as number);
  const leaves = String(row.state).split(',');
  const [tasks, history, files, org] = await Promise.all([
    read.all('SELECT * FROM tasks WHERE case_id = ? ORDER BY id', [caseId]),
    read.all('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq', [caseId]),
    read.all(FILES_OF_CASE, [caseId]),
    row.orgId ? read.get(ORG_OF_CASE, [row.orgId]) : null,
  ]);
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
    /** The prints that can be made now (the print route refuses the others). */
    prints: printsNow(def, leaves),
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
