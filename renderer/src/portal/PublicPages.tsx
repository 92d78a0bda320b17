// Public registers on the portal (GET /api/public/registers, /api/public/:register): search by
// name, filter by district, page through, and open one entry with all its public fields.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { qs } from '../api/client';
import { useApi } from '../api/hooks';
import type { Paged, PublicEntry, PublicRegister } from '../api/model';
import { useDistricts } from '../app/districts';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Pager } from '../ui/Pager';
import { Alert, Empty, ErrorAlert, Loading } from '../ui/Alert';
import { formatDate } from '../ui/format';
import { ValueView } from './ValueView';
import { ScrollRegion } from '../ui/ScrollRegion';

/** Up to four short fields make the list's columns (district and street have their own). */
export function listFields(r: PublicRegister) {
  return r.fields.filter((f) => {
    const s = f.schema as { type?: string; format?: string };
    return s.type !== 'object' && s.type !== 'array' && s.format !== 'district' && s.format !== 'street';
  }).slice(1, 5);
}

export function useRegister(name: string) {
  const index = useApi<{ registers: PublicRegister[] }>('/api/public/registers');
  return { register: index.data?.registers.find((r) => r.name === name), loading: index.loading, error: index.error };
}

export function PublicListPage() {
  const { register: name = '' } = useParams();
  const { register, loading } = useRegister(name);
  const { districts } = useDistricts();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const district = params.get('district') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [text, setText] = useState(q);
  const list = useApi<Paged<PublicEntry>>(`/api/public/${encodeURIComponent(name)}${qs({ q, district, page, pageSize: 15 })}`);
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  if (loading && !register) return <Loading />;
  if (!register) return <Alert kind="error">没有该公开名录。</Alert>;
  const cols = listFields(register);
  return (
    <>
      <Breadcrumbs items={[{ title: `${register.title}查询` }]} />
      <Panel title={`已登记${register.title}`} extra={list.data && <span className="muted">共 {list.data.total} 条</span>}>
        <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim() }); }}>
          <label className="grow">名称
            <input className="form-control" type="search" value={text} placeholder={`输入${register.title}名称查询`} onChange={(e) => setText(e.target.value)} />
          </label>
          <label>所属区县
            <select className="form-control" value={district} onChange={(e) => set({ district: e.target.value })}>
              <option value="">全部区县</option>
              {districts.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
            </select>
          </label>
          <button type="submit" className="btn btn-primary">查询</button>
          {(q || district) && <button type="button" className="btn" onClick={() => { setText(''); setParams(new URLSearchParams(), { replace: true }); }}>重置</button>}
        </form>
        <ErrorAlert error={list.error} />
        {list.loading && !list.data ? <Loading /> : !list.data?.items.length ? <Empty>没有符合条件的{register.title}</Empty> : (
          <>
            <ScrollRegion label={`${register.title}列表`}>
              <table className="grid-table zebra public-table">
                <thead>
                  <tr>
                    <th scope="col">序号</th><th scope="col">名称</th><th scope="col">所属区县</th><th scope="col">所属街道</th>
                    {cols.map((c) => <th key={c.name} scope="col">{c.title}</th>)}
                    <th scope="col">登记日期</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e, i) => (
                    <tr key={e.id}>
                      <td>{(list.data!.page - 1) * list.data!.pageSize + i + 1}</td>
                      <td className="col-title"><Link to={`/public/${name}/${e.id}`}>{e.title}</Link></td>
                      <td>{e.districtName ?? ''}</td>
                      <td>{e.streetName ?? ''}</td>
                      {cols.map((c) => <td key={c.name}><ValueView value={e.data[c.name]} schema={c.schema} /></td>)}
                      <td className="nowrap">{formatDate(e.registeredAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager total={list.data.total} capped={list.data.totalCapped} page={list.data.page} pageSize={list.data.pageSize} onPage={(p) => set({ page: String(p) })} />
          </>
        )}
      </Panel>
    </>
  );
}

export function PublicDetailPage() {
  const { register: name = '', id = '' } = useParams();
  const { register } = useRegister(name);
  const entry = useApi<PublicEntry>(`/api/public/${encodeURIComponent(name)}/${encodeURIComponent(id)}`);
  if (entry.error) return <ErrorAlert error={entry.error} />;
  if (!entry.data || !register) return <Loading />;
  const e = entry.data;
  return (
    <>
      <Breadcrumbs items={[{ title: `${register.title}查询`, to: `/public/${name}` }, { title: e.title ?? '' }]} />
      <Panel title={e.title ?? register.title} extra={<span className="muted">登记日期：{formatDate(e.registeredAt)}</span>}>
        <table className="desc-table">
          <tbody>
            {register.fields.map((f) => (
              <tr key={f.name}>
                <th scope="row">{f.title}</th>
                <td><ValueView value={e.data[f.name]} schema={f.schema} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p><Link to={`/public/${name}`}>« 返回列表</Link></p>
      </Panel>
    </>
  );
}

/** 信息公开: every public register with its number of entries. */
export function PublicIndexPage() {
  const index = useApi<{ registers: PublicRegister[] }>('/api/public/registers');
  return (
    <>
      <Breadcrumbs items={[{ title: '信息公开' }]} />
      <Panel title="信息公开">
        <p className="muted">以下信息依据《物业管理条例》及本市有关规定，经管理部门审核后向社会公开。</p>
        {!index.data ? <Loading /> : (
          <ul className="quick-grid">
            {index.data.registers.map((r) => <RegisterCard key={r.name} register={r} />)}
          </ul>
        )}
      </Panel>
    </>
  );
}

function RegisterCard({ register }: { register: PublicRegister }) {
  const count = useApi<Paged<PublicEntry>>(`/api/public/${register.name}?pageSize=1`);
  return (
    <li>
      <Link className="quick-card" to={`/public/${register.name}`}>
        <span className="quick-icon" aria-hidden="true">{register.title.slice(0, 1)}</span>
        <span className="quick-title">{register.title.replace(/（[^）]*）/g, '')}</span>
        <span className="quick-menu">{count.data ? `共 ${count.data.total} 条` : ' '}</span>
      </Link>
    </li>
  );
}
