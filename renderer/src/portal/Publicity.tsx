// 公示: cases in a public state (GET /api/public/publicity) with their public fields and 公示期;
// anyone may lodge an 异议 during the period (POST /api/public/publicity/:caseId/objections) with
// the form the case's type asks for.
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type Form from '@rjsf/core';
import { api, ApiError, qs, type FieldErrorDetail } from '../api/client';
import { useApi, useHasRoute } from '../api/hooks';
import type { DateString, JsonSchema, Paged } from '../api/model';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData } from '../forms/paths';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Pager } from '../ui/Pager';
import { Alert, Empty, ErrorAlert, Loading } from '../ui/Alert';
import { formatDate } from '../ui/format';
import { ValueView } from './ValueView';
import { ScrollRegion } from '../ui/ScrollRegion';

export interface PublicityItem {
  id: number;
  number: string;
  typeTitle: string;
  title: string | null;
  stateTitle?: string;
  districtName?: string | null;
  streetName?: string | null;
  org?: { name: string; code: string } | null;
  area?: { id: number; title: string } | null;
  since?: DateString | null;
  until?: DateString | null;
  fields?: Array<{ field: string; title: string; value: unknown }>;
  /** Whether 异议 are taken (false for a publication such as 小区动态). */
  objections?: boolean;
}

export const period = (p: PublicityItem) => (p.since || p.until ? `${formatDate(p.since) || '—'} 至 ${formatDate(p.until) || '—'}` : '');

export function NoticesPage() {
  const [page, setPage] = useState(1);
  const list = useApi<Paged<PublicityItem>>(`/api/public/publicity${qs({ page, pageSize: 15 })}`);
  return (
    <>
      <Breadcrumbs items={[{ title: '公示公告' }]} />
      <Panel title="公示信息" extra={<span className="muted">公示期内，任何单位和个人均可对公示事项提出异议</span>}>
        <ErrorAlert error={list.error} />
        {list.loading && !list.data ? <Loading /> : !list.data?.items.length ? <Empty>目前没有正在公示的事项</Empty> : (
          <>
            <ScrollRegion label="公示事项">
              <table className="grid-table zebra">
                <thead><tr><th scope="col">公示事项</th><th scope="col">名称</th><th scope="col">申请单位</th><th scope="col">所属区县</th><th scope="col">公示期</th><th scope="col">操作</th></tr></thead>
                <tbody>
                  {list.data.items.map((p) => (
                    <tr key={p.id}>
                      <td>{p.typeTitle}</td>
                      <td><Link to={`/notices/${p.id}`}>{p.title ?? p.number}</Link></td>
                      <td>{p.org?.name ?? '—'}</td>
                      <td>{p.districtName ?? ''}</td>
                      <td className="nowrap">{period(p)}</td>
                      <td className="nowrap"><Link to={`/notices/${p.id}`}>{p.objections ? '查看 / 提出异议' : '查看'}</Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager total={list.data.total} capped={list.data.totalCapped} page={list.data.page} pageSize={list.data.pageSize} onPage={setPage} />
          </>
        )}
      </Panel>
    </>
  );
}

const FALLBACK_OBJECTION: JsonSchema = {
  type: 'object',
  required: ['name', 'contact', 'content'],
  properties: {
    name: { type: 'string', title: '异议人姓名', minLength: 1, maxLength: 50 },
    contact: { type: 'string', title: '联系电话', format: 'mobile' },
    content: { type: 'string', title: '异议内容', minLength: 5, maxLength: 2000 },
  },
};

export function PublicityDetailPage() {
  const { caseId = '' } = useParams();
  const item = useApi<PublicityItem>(`/api/public/publicity/${encodeURIComponent(caseId)}`);
  const canObject = useHasRoute('POST', '/api/public/publicity/{caseId}/objections');
  const [schema, setSchema] = useState<JsonSchema>();
  const [data, setData] = useState<unknown>({});
  const [errors, setErrors] = useState<FieldErrorDetail[]>([]);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<Form>(null);
  useEffect(() => {
    api.get<{ schema: JsonSchema }>(`/api/public/publicity/${encodeURIComponent(caseId)}/objection-form`)
      .then((r) => setSchema(r.schema), () => setSchema(FALLBACK_OBJECTION));
  }, [caseId]);
  if (item.error) return <Alert kind="warning">该事项不在公示中或公示已结束。<Link to="/notices">返回公示列表</Link></Alert>;
  if (!item.data) return <Loading />;
  const p = item.data;

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
  return (
    <>
      <Breadcrumbs items={[{ title: '公示公告', to: '/notices' }, { title: p.title ?? p.number }]} />
      <Panel title={`${p.typeTitle}公示：${p.title ?? p.number}`} extra={<span className="muted">公示期：{period(p)}</span>}>
        <table className="desc-table">
          <tbody>
            <tr><th scope="row">业务编号</th><td className="mono">{p.number}</td></tr>
            {p.org && <tr><th scope="row">申请单位</th><td>{p.org.name}（{p.org.code}）</td></tr>}
            {p.area && <tr><th scope="row">物业区域</th><td>{p.area.title}</td></tr>}
            {p.districtName && <tr><th scope="row">所属区域</th><td>{p.districtName} {p.streetName ?? ''}</td></tr>}
            {(p.fields ?? []).map((f) => <tr key={f.field}><th scope="row">{f.title}</th><td><ValueView value={f.value} /></td></tr>)}
          </tbody>
        </table>
      </Panel>
      {canObject && p.objections && schema && (
        <Panel title="提出异议">
          {sent ? <Alert kind="success" title="异议已提交">管理部门将在公示期满后一并审查。感谢您的监督。</Alert> : (
            <>
              <p className="muted">请如实填写，以便管理部门核实；您的姓名和联系电话仅管理部门可见。</p>
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
