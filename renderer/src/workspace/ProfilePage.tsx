// 企业信息详情 and any other profile (profiles/<name>.json): the sections the engine reads for one
// organisation (GET /api/profiles/:profile/:code) — a record as a two-column table, counts by a
// field with their total, lists as tables. The organisation opens its own page from the menu
// (/workspace/profiles/:profile); departments open a company's with its code in the address.
import { useParams } from 'react-router';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Empty, ErrorAlert, Loading } from '../ui/Alert';
import { ValueView } from '../portal/ValueView';
import { ScrollRegion } from '../ui/ScrollRegion';

interface Column { name: string; title: string }
interface Row { id?: number | null; number?: string | null; title?: string | null; fields: Record<string, unknown> }
interface Section {
  name: string;
  title: string;
  available: boolean;
  columns?: Column[];
  item?: Row | null;
  items?: Row[];
  total?: number;
  groups?: Array<{ value: unknown; count: number }>;
}
interface Profile { title: string; org: { name: string; code: string }; sections: Section[] }

function RecordTable({ columns, row }: { columns: Column[]; row: Row }) {
  return (
    <table className="desc-table">
      <tbody>
        {columns.map((c) => <tr key={c.name}><th scope="row">{c.title}</th><td><ValueView value={row.fields[c.name]} /></td></tr>)}
      </tbody>
    </table>
  );
}

function ListTable({ columns, rows, caption }: { columns: Column[]; rows: Row[]; caption: string }) {
  return (
    <ScrollRegion label={caption}>
      <table className="grid-table zebra">
        <thead><tr>{columns.map((c) => <th key={c.name} scope="col">{c.title}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => <tr key={r.id ?? i}>{columns.map((c) => <td key={c.name}><ValueView value={r.fields[c.name]} /></td>)}</tr>)}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SectionBody({ s }: { s: Section }) {
  const hasGroups = !!s.groups;
  const rows = s.items ?? [];
  return (
    <>
      {hasGroups && (
        s.groups!.length === 0 ? <Empty>暂无数据</Empty> : (
          <table className="grid-table zebra profile-groups">
            <thead><tr><th scope="col">类别</th><th scope="col">人数 / 数量</th></tr></thead>
            <tbody>
              {s.groups!.map((g) => <tr key={String(g.value)}><td><ValueView value={g.value} /></td><td>{g.count}</td></tr>)}
              <tr><th scope="row">合计</th><td>{s.total ?? 0}</td></tr>
            </tbody>
          </table>
        )
      )}
      {s.columns && s.item !== undefined && (s.item ? <RecordTable columns={s.columns} row={s.item} /> : <Empty>尚未备案</Empty>)}
      {s.columns && s.items && (rows.length ? <ListTable columns={s.columns} rows={rows} caption={s.title} /> : !hasGroups && <Empty>暂无记录</Empty>)}
    </>
  );
}

export function ProfilePage() {
  const { profile = '', code } = useParams();
  const { me } = useSession();
  const own = me?.org?.code;
  const target = code ?? own;
  const res = useApi<Profile>(target ? `/api/profiles/${encodeURIComponent(profile)}/${encodeURIComponent(target)}` : null);
  if (!target) return <Empty>本账号不属于任何单位，没有信息页。</Empty>;
  if (res.error) return <ErrorAlert error={res.error} />;
  if (!res.data) return <Loading />;
  const p = res.data;
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title: p.title }]} heading={false} />
      <section className="welcome">
        <div>
          <h1>{p.title}：{p.org.name}</h1>
          <p>统一社会信用代码：<span className="mono">{p.org.code}</span></p>
        </div>
      </section>
      {p.sections.map((s) => (
        <Panel key={s.name} id={`profile-${s.name}`} title={s.title}>
          <SectionBody s={s} />
        </Panel>
      ))}
    </>
  );
}
