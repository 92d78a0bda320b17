// 公示: what is publicly shown for objections (GET /api/public/publicity), present only when the
// server answers it; an 异议 is lodged through POST /api/public/publicity/:caseId/objections with
// the form the route declares.
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type Form from '@rjsf/core';
import { api, ApiError, type FieldErrorDetail } from '../api/client';
import { bodySchema } from '../api/capabilities';
import { useApi, useHasRoute } from '../api/hooks';
import type { JsonSchema } from '../api/model';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData } from '../forms/paths';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, Empty, ErrorAlert, Loading } from '../ui/Alert';
import { formatDate } from '../ui/format';
import { ValueView } from './ValueView';

export type PublicityItem = Record<string, unknown> & { caseId?: number; id?: number; title?: string; number?: string; typeTitle?: string };

export const itemsOf = (body: unknown): PublicityItem[] =>
  (Array.isArray(body) ? body : Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : []) as PublicityItem[];
export const caseIdOf = (p: PublicityItem) => (p.caseId ?? p.id) as number | undefined;
const dateOf = (p: PublicityItem, ...keys: string[]) => keys.map((k) => p[k]).find((v) => typeof v === 'string') as string | undefined;

/** 公示期 from whatever the item carries (start/end names vary). */
export function period(p: PublicityItem): string {
  const from = dateOf(p, 'startsAt', 'startAt', 'from', 'publishedAt', 'start');
  const to = dateOf(p, 'endsAt', 'endAt', 'until', 'to', 'end', 'deadline');
  return from || to ? `${formatDate(from) || '—'} 至 ${formatDate(to) || '—'}` : '';
}

const KEY_TITLES: Record<string, string> = {
  title: '名称', number: '业务编号', typeTitle: '公示事项', orgName: '申请单位', org: '申请单位', district: '所属区县', districtName: '所属区县',
  streetName: '所属街道', startsAt: '公示开始', endsAt: '公示截止', publishedAt: '发布时间', description: '说明', objections: '异议数',
};

const DEFAULT_OBJECTION: JsonSchema = {
  type: 'object',
  required: ['name', 'phone', 'content'],
  properties: {
    name: { type: 'string', title: '姓名', minLength: 1, maxLength: 50 },
    phone: { type: 'string', title: '联系电话', format: 'mobile' },
    content: { type: 'string', title: '异议内容及理由', minLength: 5, maxLength: 2000 },
  },
};

export function NoticesPage() {
  const publicity = useApi<unknown>('/api/public/publicity');
  const items = itemsOf(publicity.data);
  return (
    <>
      <Breadcrumbs items={[{ title: '公示公告' }]} />
      <Panel title="公示信息">
        {publicity.loading && !publicity.data ? <Loading /> : publicity.error ? <Empty>暂无公示信息</Empty> : items.length === 0 ? <Empty>目前没有正在公示的事项</Empty> : (
          <ul className="news-list large">
            {items.map((p, i) => (
              <li key={caseIdOf(p) ?? i}>
                <Link to={`/notices/${caseIdOf(p)}`}>【{p.typeTitle ?? '公示'}】{p.title ?? p.number ?? ''}</Link>
                <span className="news-date">{period(p)}</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}

export function PublicityDetailPage() {
  const { caseId = '' } = useParams();
  const publicity = useApi<unknown>('/api/public/publicity');
  const canObject = useHasRoute('POST', '/api/public/publicity/{caseId}/objections');
  const [schema, setSchema] = useState<JsonSchema>();
  const [data, setData] = useState<unknown>({});
  const [errors, setErrors] = useState<FieldErrorDetail[]>([]);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<Form>(null);
  useEffect(() => {
    bodySchema('POST', '/api/public/publicity/{caseId}/objections').then((s) => setSchema(s && (s as { properties?: object }).properties ? s : DEFAULT_OBJECTION));
  }, []);
  const item = itemsOf(publicity.data).find((p) => String(caseIdOf(p)) === caseId);
  if (publicity.loading && !publicity.data) return <Loading />;
  if (!item) return <Alert kind="warning">该事项不在公示中或公示已结束。<Link to="/notices">返回公示列表</Link></Alert>;

  const submit = async () => {
    if (formRef.current && !formRef.current.validateForm()) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/public/publicity/${encodeURIComponent(caseId)}/objections`, cleanData(data));
      setSent(true);
    } catch (e) {
      setError(e);
      setErrors(e instanceof ApiError ? e.fieldErrors : []);
    } finally {
      setBusy(false);
    }
  };
  const label = (k: string) => KEY_TITLES[k] ?? k;
  const shown = Object.entries(item).filter(([k, v]) => !['caseId', 'id'].includes(k) && v !== null && typeof v !== 'object');
  const data2 = (item.data ?? {}) as Record<string, unknown>;
  return (
    <>
      <Breadcrumbs items={[{ title: '公示公告', to: '/notices' }, { title: item.title ?? item.number ?? '公示' }]} />
      <Panel title={item.title ?? '公示'} extra={<span className="muted">公示期：{period(item)}</span>}>
        <table className="desc-table">
          <tbody>
            {shown.map(([k, v]) => <tr key={k}><th scope="row">{label(k)}</th><td><ValueView value={v} /></td></tr>)}
            {Object.entries(data2).map(([k, v]) => <tr key={k}><th scope="row">{label(k)}</th><td><ValueView value={v} /></td></tr>)}
          </tbody>
        </table>
      </Panel>
      {canObject && schema && (
        <Panel title="提出异议">
          {sent ? <Alert kind="success">您的异议已提交，管理部门将在公示期满后一并审查。</Alert> : (
            <>
              <p className="muted">公示期内，任何单位和个人均可对公示事项提出异议。请如实填写，以便管理部门核实。</p>
              <SchemaForm ref={formRef} schema={schema} formData={data} onChange={setData} serverErrors={errors} canUpload={false} idPrefix="objection" />
              <ErrorAlert error={error} onClose={() => setError(undefined)} />
              <div className="form-actions"><button type="button" className="btn btn-primary" disabled={busy} onClick={submit}>提交异议</button></div>
            </>
          )}
        </Panel>
      )}
    </>
  );
}
