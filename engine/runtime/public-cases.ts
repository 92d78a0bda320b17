// Cases the anonymous public starts (a complaint without an account): the whole form is validated
// at once, a contact is required, creation is rate-limited per address, and the complainant gets
// a 查询码 (access code) to follow the case and act on their own steps (e.g. rate the answer).
// The database keeps only the code's sha256.
import { createHash, randomBytes } from 'node:crypto';
import { AppError, formInvalid } from '../errors.js';
import type { Engine } from '../context.js';
import { enforceRateLimit } from '../auth/index.js';
import { getPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';
import { validateForm } from '../validation/index.js';
import { createCaseInTx, validateCaseData } from './case-runtime.js';
import { fillData } from './data-fill.js';
import { applyTransition, type CaseRow } from './transition.js';
import { stateConfig, stateTitle } from './states.js';

const hash = (code: string) => createHash('sha256').update(code).digest('hex');
const PUBLIC_ACTOR = '公众（匿名）';

export async function createPublicCase(engine: Engine, typeId: string, rawData: unknown, ip: string) {
  await engine.registry.refresh({ maxAgeMs: 1000 });
  const def = engine.registry.current(typeId);
  const ps = def?.settings.publicStart;
  if (!def || !ps) throw new AppError('NOT_FOUND', { what: `可公开办理的业务类型 ${typeId}` });
  const raw = (rawData && typeof rawData === 'object' && !Array.isArray(rawData) ? rawData : {}) as Record<string, unknown>;
  // The values the server fills in (settings.fillFromRegister, derived fields) apply to the public too.
  const data = await fillData(engine, def, raw, null);
  const contact = getPointer(data, ps.contactField);
  if (typeof contact !== 'string' || !contact.trim()) throw formInvalid([{ field: ps.contactField, message: '请填写联系方式，以便答复' }]);
  const errors = validateForm(engine.ajv, def.schema, data);
  if (errors.length) throw formInvalid(errors);
  await enforceRateLimit(engine, `public-case:${typeId}:${ip}`, ps.maxPerHour ?? 5, 3600_000);
  const code = randomBytes(6).toString('base64url');
  const row = await engine.db.tx(async (t) => {
    await validateCaseData(engine, def, data, null, t);
    const created = await createCaseInTx(engine, t, def, { data, orgId: null, createdBy: null, actorName: PUBLIC_ACTOR });
    await engine.db.models.Case.update({ accessCodeHash: hash(code) }, { where: { id: created.id }, transaction: t });
    return created;
  });
  return { number: row.number, accessCode: code, state: row.state, stateTitle: stateTitle(def.workflow, row.state.split(',')) };
}

async function findByCode(engine: Engine, number: string, code: string): Promise<CaseRow> {
  const row = await engine.db.models.Case.findOne({ where: { number }, raw: true });
  // Wrong number and wrong code answer the same: nothing is learned about other people's cases.
  if (!row || !row.accessCodeHash || !code || row.accessCodeHash !== hash(code)) throw new AppError('NOT_FOUND', { what: '业务单（请核对业务编号与查询码）' });
  return row as CaseRow;
}

/**
 * The texts of a step's decision besides its opinion (e.g. the company's 答复内容 and 整改措施), titled
 * as the step's decision form titles them; numbers, identifiers and attachments are left out.
 */
function decisionTexts(engine: Engine, def: TypeVersionDef, fromState: string | null, event: string, payload: unknown): Array<{ title: string; value: string }> {
  if (!fromState || !payload || typeof payload !== 'object') return [];
  // The step's tasks sit on the state or on one of its ancestors (answering.waiting → answering).
  const paths = fromState.split(',').flatMap((leaf) => leaf.split('.').map((_, i, keys) => keys.slice(0, i + 1).join('.')));
  const tasks = paths.flatMap((path) => stateConfig(def.workflow, path)?.meta?.tasks ?? []);
  const form = tasks.map((t) => (t.events as Record<string, { form?: string }>)[event]?.form).find(Boolean);
  const schema = form ? engine.registry.decisionForms[form] as { properties?: Record<string, { type?: string; title?: string; format?: string }> } | undefined : undefined;
  const props = schema?.properties;
  if (!props) return [];
  return Object.entries(props)
    .filter(([key, p]) => key !== 'opinion' && p.type === 'string' && !p.format && p.title)
    .map(([key, p]) => ({ title: p.title!, value: (payload as Record<string, unknown>)[key] }))
    .filter((x): x is { title: string; value: string } => typeof x.value === 'string' && x.value.trim() !== '');
}

/** What the complainant sees: where the case is, its steps with opinions, what they may do now. */
export async function publicCaseView(engine: Engine, number: string, code: string) {
  const row = await findByCode(engine, number, code);
  const def = await engine.registry.get(row.typeId, row.typeVersion);
  const history = await engine.db.models.CaseEvent.findAll({ where: { caseId: row.id }, order: [['seq', 'ASC']], raw: true });
  const open = await engine.db.models.Task.findAll({ where: { caseId: row.id, status: 'open', role: 'applicant' }, raw: true });
  return {
    number: row.number, typeTitle: def.settings.title, title: row.title, state: row.state, stateTitle: stateTitle(def.workflow, row.state.split(',')),
    status: row.status, data: row.data, version: row.version, createdAt: row.createdAt,
    history: history.map((h) => ({
      event: h.event, at: h.createdAt, toState: h.toState, opinion: (h.payload as { opinion?: string } | null)?.opinion ?? null,
      details: decisionTexts(engine, def, h.fromState as string | null, h.event as string, h.payload),
    })),
    actions: open.flatMap((t) => Object.entries(t.events as Record<string, { title: string; form?: string }>).map(([event, e]) => ({
      event, title: e.title, formSchema: e.form ? engine.registry.decisionForms[e.form] : null,
    }))),
  };
}

/** The complainant's own steps (role "applicant" tasks), authorised by the access code. */
export async function sendPublicEvent(engine: Engine, number: string, code: string, event: string, decision: unknown) {
  const found = await findByCode(engine, number, code);
  await engine.db.tx(async (t) => {
    const row = await engine.db.models.Case.findByPk(found.id, { transaction: t, lock: engine.db.dialect === 'postgres' ? t.LOCK.UPDATE : undefined, raw: true }) as CaseRow;
    const def = await engine.registry.get(row.typeId, row.typeVersion);
    const open = await engine.db.models.Task.findAll({ where: { caseId: row.id, status: 'open', role: 'applicant' }, transaction: t, raw: true });
    const task = open.find((x) => (x.events as Record<string, unknown>)[event]);
    if (!task) throw new AppError('EVENT_NOT_ALLOWED', { state: row.state, event });
    const form = ((task.events as Record<string, { form?: string }>)[event]).form;
    const d = (decision && typeof decision === 'object' ? decision : {}) as Record<string, unknown>;
    if (form) {
      const errors = validateForm(engine.ajv, engine.registry.decisionForms[form], d);
      if (errors.length) throw formInvalid(errors);
    }
    await applyTransition(engine, t, def, row, { event, data: row.data, decision: d, actorId: null, actorName: PUBLIC_ACTOR, taskId: task.id as number });
  });
  return publicCaseView(engine, number, code);
}
