// 首页: the platform's front page — a search over the public registers and the login box on the
// right (as the manual shows), 网上办事 services, the latest public entries, 公示 when there is
// any, and how filing works.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { qs } from '../api/client';
import { useApi, useAnswers } from '../api/hooks';
import type { Paged, PublicEntry, PublicRegister } from '../api/model';
import { useSession } from '../app/session';
import { homeOf, roleTitle } from '../app/roles';
import { usePlatformName } from '../app/districts';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Empty, Loading } from '../ui/Alert';
import { formatDate } from '../ui/format';
import { LoginBox } from './LoginBox';
import type { PublicityItem } from './Publicity';

export interface Service { id: string; title: string; description: string; menu: string | null; starters: string[]; steps: string[]; publicStart?: boolean }

export const FLOW = ['机构注册', '网上填报', '保存并提交', '打印申请表', '窗口受理', '审核', '办结公开'];

export const shortTitle = (t: string) => t.replace(/（[^）]*）/g, '');

/** 信息公开: the latest entries of every public register, one tab each. */
function PublicInfoBox({ registers }: { registers: PublicRegister[] }) {
  const [tab, setTab] = useState(registers[0]?.name);
  const current = registers.find((r) => r.name === tab) ?? registers[0];
  const list = useApi<Paged<PublicEntry>>(current ? `/api/public/${current.name}${qs({ pageSize: 8 })}` : null);
  if (!current) return null;
  return (
    <section className="box" aria-labelledby="box-public">
      <header className="box-head box-tabs">
        <h2 id="box-public">信息公开</h2>
        <div role="tablist" aria-label="公开名录" className="mini-tabs">
          {registers.map((r) => (
            <button key={r.name} type="button" role="tab" aria-selected={r.name === current.name} className={r.name === current.name ? 'on' : ''} onClick={() => setTab(r.name)}>
              {shortTitle(r.title)}
            </button>
          ))}
        </div>
        <Link to={`/public/${current.name}`} className="more">更多 »</Link>
      </header>
      {list.loading && !list.data ? <Loading /> : !list.data?.items.length ? <Empty>暂无已登记的{shortTitle(current.title)}</Empty> : (
        <ul className="news-list">
          {list.data.items.map((e) => (
            <li key={e.id}>
              <Link to={`/public/${current.name}/${e.id}`}>{e.title}</Link>
              <span className="news-meta">{e.districtName}{e.streetName ? ` · ${e.streetName}` : ''}</span>
              <span className="news-date">{formatDate(e.registeredAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PublicityBox() {
  const publicity = useApi<Paged<PublicityItem>>('/api/public/publicity?pageSize=8');
  const items = publicity.data?.items ?? [];
  return (
    <section className="box" aria-labelledby="box-publicity">
      <header className="box-head"><h2 id="box-publicity">公示公告</h2><Link to="/notices" className="more">更多 »</Link></header>
      {publicity.loading && !publicity.data ? <Loading /> : !items.length ? <Empty>目前没有正在公示的事项</Empty> : (
        <ul className="news-list">
          {items.map((p) => (
            <li key={p.id}>
              <Link to={`/notices/${p.id}`}>【{p.typeTitle}】{p.title ?? p.number}</Link>
              <span className="news-date">截止 {formatDate(p.until) || '—'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FlowBox() {
  return (
    <section className="box" aria-labelledby="box-flow">
      <header className="box-head"><h2 id="box-flow">办事流程</h2><Link to="/guide" className="more">办事指南 »</Link></header>
      <ol className="flow">
        {FLOW.map((f, i) => <li key={f}><span className="flow-no">{i + 1}</span>{f}</li>)}
      </ol>
      <p className="muted flow-note">申请人网上填报并“保存并提交”后，打印申请表，携带申请表和纸质要件到所在区受理窗口；材料不齐的，窗口一次性告知需补正的全部内容。</p>
    </section>
  );
}

export function HomePage() {
  const { me } = useSession();
  const platform = usePlatformName();
  const navigate = useNavigate();
  const registers = useApi<{ registers: PublicRegister[] }>('/api/public/registers');
  const services = useApi<{ items: Service[] }>('/api/public/services');
  const hasPublicity = useAnswers('/api/public/publicity');
  const first = registers.data?.registers[0];
  const count = useApi<Paged<PublicEntry>>(first ? `/api/public/${first.name}?pageSize=1` : null);
  const [q, setQ] = useState('');

  return (
    <>
      <Breadcrumbs items={[]} />
      <div className="hero">
        <div className="hero-main">
          <h1 className="hero-title">{platform}</h1>
          <p className="hero-sub">物业区域备案、物业服务合同备案、业委会备案等业务网上申报，一次告知、全程留痕、结果公开。</p>
          {first && (
            <form className="hero-search" role="search" onSubmit={(e) => { e.preventDefault(); navigate(`/public/${first.name}${qs({ q: q.trim() })}`); }}>
              <label htmlFor="hero-q" className="sr-only">{first.title}名称</label>
              <input id="hero-q" type="search" className="form-control" value={q} placeholder={`输入${first.title}名称，查询备案信息`} onChange={(e) => setQ(e.target.value)} />
              <button type="submit" className="btn btn-red">查询</button>
            </form>
          )}
          <dl className="hero-stats">
            {first && <div><dt>已登记{first.title}</dt><dd>{count.data?.total ?? '–'}</dd></div>}
            <div><dt>网上办理事项</dt><dd>{services.data?.items.length ?? '–'}</dd></div>
            <div><dt>办理方式</dt><dd className="small">网上申报 · 窗口受理</dd></div>
          </dl>
        </div>
        <div className="hero-side">
          {me ? (
            <section className="login-box welcome-box" aria-label="已登录">
              <h2 className="login-title">欢迎您</h2>
              <p className="welcome-name">{me.org?.name ?? me.user.displayName}</p>
              <p className="muted">{roleTitle(me.user.role)}</p>
              <Link className="btn btn-primary btn-block" to={homeOf(me.user.role)}>进入工作台</Link>
            </section>
          ) : <LoginBox />}
        </div>
      </div>

      <section className="box services" aria-labelledby="box-services">
        <header className="box-head"><h2 id="box-services">网上办事</h2><span className="box-links"><Link to="/track" className="more">办件查询</Link><Link to="/guide" className="more">办事指南 »</Link></span></header>
        {!services.data ? <Loading /> : (
          <ul className="service-grid">
            {services.data.items.map((s) => (
              <li key={s.id}>
                <Link to={s.publicStart && !me ? `/services/${s.id}` : me ? `/workspace/new/${s.id}` : `/guide#${s.id}`} className="service-card">
                  <span className="service-icon" aria-hidden="true"><ServiceIcon /></span>
                  <span className="service-title">{s.title}</span>
                  <span className="service-who">{s.publicStart ? '无需登录，公众可办' : `办理对象：${s.starters.map(roleTitle).join('、') || '—'}`}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="two-col">
        {registers.data ? <PublicInfoBox registers={registers.data.registers} /> : <Loading />}
        {hasPublicity ? <PublicityBox /> : <FlowBox />}
      </div>
      {hasPublicity && <FlowBox />}
    </>
  );
}

/** A filled-in form sheet with a pen: one drawn icon for every service (no business id in the renderer). */
function ServiceIcon() {
  return (
    <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" focusable="false">
      <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h8" />
      <path d="M14 3v5h5" />
      <path d="M8 9h3M8 13h6M8 17h3" />
      <path d="M20.5 12.5l-5.5 5.5-2.5.5.5-2.5 5.5-5.5a1.4 1.4 0 0 1 2 2z" />
    </svg>
  );
}
