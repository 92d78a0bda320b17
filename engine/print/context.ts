// What a print template sees: the case (number, title, state and its dates), the form data, the
// type, the applicant organisation, the history with opinions (and the last of each event by
// name, for "受理日期" or "审核意见"), the district and street names, the 物业区域 the case is
// about (its registered name), and when it was printed.
// Only someone who may see the case gets a context (caseView answers 404 otherwise).
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import type { TypeVersionDef, WorkflowConfig } from '../registry/index.js';
import { caseView } from '../runtime/index.js';

type Row = Record<string, unknown>;

export interface PrintHistoryItem {
  event: string;
  title: string;
  actorName: string;
  at: string;
  opinion: string;
  items: string[];
  fromState: string | null;
  toState: string | null;
}

/** Event titles as the workflow's tasks name them (SUBMIT → 保存并提交, ACCEPT → 受理 …). */
function eventTitles(workflow: WorkflowConfig): Record<string, string> {
  const out: Record<string, string> = { CREATE: '创建' };
  const walk = (node: unknown) => {
    const n = node as { states?: Record<string, unknown>; meta?: { tasks?: Array<{ events?: Record<string, { title?: string }> }> } };
    for (const t of n?.meta?.tasks ?? []) for (const [e, def] of Object.entries(t.events ?? {})) if (def.title) out[e] ??= def.title;
    for (const child of Object.values(n?.states ?? {})) walk(child);
  };
  walk(workflow);
  return out;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : '');

/** caseView's answer: its named fields plus every column of the case row. */
export type CaseViewRow = Awaited<ReturnType<typeof caseView>> & Row;

export interface PrintCase {
  def: TypeVersionDef;
  view: CaseViewRow;
  context: Row;
}

export async function printContext(engine: Engine, user: SessionUser, caseId: number): Promise<PrintCase> {
  const view = (await caseView(engine, user, caseId)) as CaseViewRow;
  const def = await engine.registry.get(view.typeId as string, view.typeVersion as number);
  const districts = await engine.db.models.District.findAll({ attributes: ['code', 'name'], raw: true });
  const names: Record<string, string> = Object.fromEntries(districts.map((d) => [d.code as string, d.name as string]));
  const titles = eventTitles(def.workflow);
  const history: PrintHistoryItem[] = (view.history as Row[]).map((h) => {
    const payload = (h.payload ?? {}) as { opinion?: unknown; items?: unknown };
    return {
      // A timer's step (公示期满 …) reads as the case view's history names it.
      event: h.event as string, title: titles[h.event as string] ?? (String(h.event).startsWith('xstate.after') ? '期满自动流转' : (h.event as string)), actorName: (h.actorName as string) ?? '',
      at: iso(h.createdAt), opinion: typeof payload.opinion === 'string' ? payload.opinion : '',
      items: Array.isArray(payload.items) ? payload.items.map(String) : [],
      fromState: (h.fromState as string) ?? null, toState: (h.toState as string) ?? null,
    };
  });
  const events: Record<string, PrintHistoryItem> = {};
  for (const h of history) events[h.event] = h; // the last of each
  const org = (view.org ?? {}) as Row;
  const code = (view.district as string | null) ?? '';
  const street = (view.street as string | null) ?? '';
  // The 物业区域 the case is about (settings.scope.entry), by its registered name.
  const areaId = (view.areaId as number | null) ?? null;
  const area = areaId ? await engine.db.models.RegisterEntry.findByPk(areaId, { attributes: ['id', 'title'], raw: true }) : null;
  const context: Row = {
    case: {
      id: view.id, number: view.number, title: view.title ?? '', state: view.state, stateTitle: view.stateTitle, status: view.status,
      createdAt: iso(view.createdAt), submittedAt: iso(view.submittedAt), closedAt: iso(view.closedAt), version: view.version,
    },
    data: view.data ?? {},
    type: { id: def.id, title: def.settings.title },
    org: { name: (org.name as string) ?? '', code: (org.code as string) ?? '', kind: (org.kind as string) ?? '' },
    history,
    events,
    district: { code, name: names[code] ?? '' },
    street: { code: street, name: names[street] ?? '' },
    area: { id: areaId, title: (area?.title as string | undefined) ?? '' },
    names,
    printedAt: new Date().toISOString(),
  };
  return { def, view, context };
}
