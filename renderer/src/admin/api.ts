// The console's side of /api/admin: shapes of the answers and the calls, over the app's one client.
import { api, request, ApiError, messageForStatus } from '../api/client';
import type { JsonSchema, TypeSettings, WorkflowConfig } from '../api/model';

export interface Bundle {
  id: string;
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  workflow: WorkflowConfig;
  settings: TypeSettings;
  prints: Record<string, string>;
}

import type { WorkflowFix } from './fixes';

export interface Problem { file: string; path: string; message: string; fix?: WorkflowFix }

export interface VersionInfo {
  version: number;
  source: string;
  publishedBy: number | null;
  publishedAt: string;
  /** Cases on this version by status (draft, active, closed). */
  cases: Record<string, number>;
}

export interface AdminType {
  id: string;
  title: string;
  currentVersion: number | null;
  hasDraft: boolean;
  versions: VersionInfo[];
}

export interface Vocabulary {
  roles: Record<string, string>;
  scopes: Record<string, string>;
  guards: Record<string, { title: string; params: JsonSchema }>;
  actions: Record<string, { title: string; params: JsonSchema }>;
  rules: Record<string, { title: string; params: JsonSchema }>;
  decisionForms: string[];
  decisionFormSchemas?: Record<string, JsonSchema>;
  registers: string[];
  /** Every register's Chinese title (older servers: absent). */
  registerTitles?: Record<string, string>;
}

export interface SimTask { state: string; name: string; title: string; role: string; scope: string; due: string | null; events: Record<string, { title?: string; form?: string; validate?: boolean }> }
export interface SimStep {
  event: string | null;
  state: string;
  stateTitle: string;
  final: boolean;
  tasks: SimTask[];
  effects: Array<{ type: string; params: unknown }>;
  timers: Array<{ event: string; delayMs: number }>;
  errors: Array<{ field: string; message: string }>;
  possibleEvents: string[];
}

export interface SimPath { steps: Array<{ event: string; eventTitle: string; state: string; stateTitle: string }>; end: string; endTitle: string }
export interface PathCoverage { paths: SimPath[]; ends: Array<{ state: string; title: string; walked: boolean }>; truncated: boolean }

export interface DiffEntry { path: string; kind: 'added' | 'removed' | 'changed'; from?: unknown; to?: unknown }
export interface AuditEntry { id: number; actorId: number | null; action: string; target: string | null; detail: unknown; createdAt: string }

const base = (id: string) => `/api/admin/types/${encodeURIComponent(id)}`;
const body = (b: Bundle) => ({ id: b.id, schema: b.schema, uiSchema: b.uiSchema, workflow: b.workflow, settings: b.settings, prints: b.prints });

export const adminApi = {
  types: () => api.get<{ items: AdminType[] }>('/api/admin/types').then((r) => r.items),
  draft: (id: string) => api.get<{ bundle: Bundle; isDraft: boolean; problems: Problem[] }>(`${base(id)}/draft`),
  version: (id: string, v: number) => api.get<Bundle & { version: number }>(`${base(id)}/versions/${v}`),
  saveDraft: (b: Bundle) => request<{ bundle: Bundle; problems: Problem[] }>('PUT', `${base(b.id)}/draft`, body(b)),
  discardDraft: (id: string) => request<{ ok: boolean }>('DELETE', `${base(id)}/draft`),
  /** selfTest: also the form self-test publishing runs (samples through the server's and the page's checks). */
  lint: (b: Bundle, opts: { selfTest?: boolean } = {}) =>
    api.post<{ problems: Problem[] }>('/api/admin/lint', { ...body(b), ...(opts.selfTest ? { selfTest: true } : {}) }).then((r) => r.problems),
  simulate: (b: Bundle, data: unknown, events: Array<{ event: string; decision?: unknown }>) =>
    api.post<{ steps: SimStep[]; coverage: PathCoverage }>('/api/admin/simulate', { bundle: body(b), data, events }),
  publish: (b: Bundle) => api.post<{ id: string; version: number }>(`${base(b.id)}/publish`, body(b)),
  rollback: (id: string, version: number) => api.post<{ id: string; version: number }>(`${base(id)}/rollback`, { version }),
  diff: (id: string, from: number, to: string) => api.get<{ from: number; to: string; changes: DiffEntry[] }>(`${base(id)}/diff?from=${from}&to=${encodeURIComponent(to)}`),
  exportUrl: (id: string, version?: number) => `${base(id)}/export${version ? `?version=${version}` : ''}`,
  import: (file: unknown) => api.post<{ id: string; published: Array<{ from: number; version: number }> }>('/api/admin/import', file),
  vocabulary: () => api.get<Vocabulary>('/api/admin/vocabulary'),
  audit: (page: number) => api.get<{ total: number; page: number; items: AuditEntry[] }>(`/api/admin/audit?page=${page}`),
};

/**
 * POST /api/admin/print-preview: the HTML as text, or the PDF as a Blob. Errors come back as the
 * contract's JSON (a template fault is a 422 DEF_INVALID naming the template).
 */
export async function printPreview(b: Bundle, template: string, data: unknown, format: 'html' | 'pdf'): Promise<string | Blob> {
  let res: Response;
  try {
    res = await fetch('/api/admin/print-preview', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: format === 'pdf' ? 'application/pdf' : 'text/html' },
      body: JSON.stringify({ bundle: body(b), template, data, format }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', messageForStatus(0));
  }
  if (!res.ok) {
    const parsed = await res.json().catch(() => null) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    throw new ApiError(res.status, parsed?.error?.code ?? `HTTP_${res.status}`, parsed?.error?.message ?? messageForStatus(res.status), parsed?.error?.details);
  }
  return format === 'pdf' ? res.blob() : res.text();
}
