// 统计分析 for departments: cases per business and step, open and overdue work, the monthly
// trend, figures per company and area — charts with the numbers beside them in tables, and an
// export of the tables (.xlsx from the server, or CSV).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useApi, useHasRoute } from '../api/hooks';
import type { CaseStats } from '../api/model';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Empty, ErrorAlert, Loading } from '../ui/Alert';
import { Tag } from '../ui/StatusTag';
import { dueText, formatDateTime } from '../ui/format';
import { EChart } from './EChart';
import { downloadCsv } from './csv';
import { BreakdownCharts, breakdownCsvRows } from './BreakdownCharts';
import { ScrollRegion } from '../ui/ScrollRegion';

const BLUE = '#1a5fb4';

export function DashboardPage() {
  const stats = useApi<CaseStats>('/api/stats/cases');
  const hasExport = useHasRoute('GET', '/api/cases/export.xlsx');
  const hasStatsExport = useHasRoute('GET', '/api/stats/cases.xlsx');
  const s = stats.data;

  const charts = useMemo(() => {
    if (!s) return null;
    const types = s.byType.map((t) => t.title);
    return {
      byType: {
        color: ['#9e9e9e', BLUE, '#2e7d32'],
        tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
        xAxis: { type: 'category', data: types, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '草稿', type: 'bar', stack: 'all', data: s.byType.map((t) => t.draft), barMaxWidth: 40 },
          { name: '办理中', type: 'bar', stack: 'all', data: s.byType.map((t) => t.active), barMaxWidth: 40 },
          { name: '已办结', type: 'bar', stack: 'all', data: s.byType.map((t) => t.closed), barMaxWidth: 40 },
        ],
      },
      status: {
        color: ['#9e9e9e', BLUE, '#2e7d32'],
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' }, legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['42%', '70%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c}' },
          // Each slice keeps its colour when an empty one is left out.
          data: [
            { name: '草稿', value: s.totals.draft, itemStyle: { color: '#9e9e9e' } },
            { name: '办理中', value: s.totals.active, itemStyle: { color: BLUE } },
            { name: '已办结', value: s.totals.closed, itemStyle: { color: '#2e7d32' } },
          ].filter((d) => d.value > 0) }],
      },
      tasks: {
        color: [BLUE, '#c62828'],
        tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: s.tasks.map((t) => `${t.typeTitle}·${t.task}`), axisLabel: { width: 160, overflow: 'truncate' } },
        series: [
          { name: '待办', type: 'bar', data: s.tasks.map((t) => t.open), barMaxWidth: 22 },
          { name: '逾期', type: 'bar', data: s.tasks.map((t) => t.overdue), barMaxWidth: 22 },
        ],
      },
      trend: {
        color: [BLUE, '#2e7d32'],
        tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
        xAxis: { type: 'category', data: s.trend.map((t) => t.month) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '提交', type: 'bar', data: s.trend.map((t) => t.submitted), barMaxWidth: 18 },
          { name: '办结', type: 'bar', data: s.trend.map((t) => t.closed), barMaxWidth: 18 },
        ],
      },
    };
  }, [s]);

  const exportCsv = () => {
    if (!s) return;
    const rows: Array<Array<string | number>> = [['业务类型', '环节', '业务数', '草稿', '办理中', '已办结']];
    for (const t of s.byType) {
      rows.push([t.title, '合计', t.total, t.draft, t.active, t.closed]);
      for (const st of t.states) rows.push([t.title, st.title, st.count, '', '', '']);
    }
    rows.push([], ['业务类型', '待办环节', '待办数', '逾期数']);
    for (const t of s.tasks) rows.push([t.typeTitle, t.task, t.open, t.overdue]);
    rows.push(...breakdownCsvRows(s.breakdowns ?? []));
    downloadCsv(`业务统计-${new Date().toISOString().slice(0, 10)}.csv`, rows);
  };

  const scope = s ? (s.scope.districtName ? `${s.scope.districtName}` : '全市') : '';
  return (
    <>
      <Breadcrumbs items={[{ title: '统计分析' }]} />
      <ErrorAlert error={stats.error} onReload={stats.reload} />
      {!s || !charts ? (stats.error ? null : <Loading />) : (
        <>
          <section className="kpis" aria-label="总体情况">
            <div className="kpi"><span className="kpi-label">业务总数</span><span className="kpi-value">{s.totals.total}</span><span className="kpi-sub">统计范围：{scope}</span></div>
            <div className="kpi"><span className="kpi-label">办理中</span><span className="kpi-value blue">{s.totals.active}</span></div>
            <div className="kpi"><span className="kpi-label">已办结</span><span className="kpi-value green">{s.totals.closed}</span></div>
            <div className="kpi"><span className="kpi-label">待办</span><span className="kpi-value">{s.totals.openTasks}</span></div>
            <div className="kpi"><span className="kpi-label">逾期待办</span><span className="kpi-value red">{s.totals.overdueTasks}</span></div>
          </section>
          <div className="toolbar">
            <span className="muted">数据时间：{formatDateTime(s.generatedAt)}</span>
            <span>
              {hasStatsExport && <a className="btn" href="/api/stats/cases.xlsx" download>导出统计表（Excel）</a>}
              {hasExport && <a className="btn" href="/api/cases/export.xlsx" download>导出业务清单（Excel）</a>}
              <button type="button" className="btn btn-primary" onClick={exportCsv}>导出统计表（CSV）</button>
              <button type="button" className="btn" onClick={stats.reload}>刷新</button>
            </span>
          </div>
          <div className="two-col">
            <Panel title="各业务类型业务量"><EChart option={charts.byType} label="各业务类型业务量柱状图" /></Panel>
            <Panel title="办理状态分布"><EChart option={charts.status} label="办理状态分布饼图" /></Panel>
          </div>
          <Panel title="业务量明细">
            {s.byType.length === 0 ? <Empty /> : (
              <ScrollRegion label="业务量明细">
                <table className="grid-table zebra">
                  <thead><tr><th scope="col">业务类型</th><th scope="col">合计</th><th scope="col">草稿</th><th scope="col">办理中</th><th scope="col">已办结</th><th scope="col">各环节</th></tr></thead>
                  <tbody>
                    {s.byType.map((t) => (
                      <tr key={t.type}>
                        <th scope="row"><Link to={`/workspace/cases?type=${t.type}`}>{t.title}</Link></th>
                        <td className="num">{t.total}</td><td className="num">{t.draft}</td><td className="num">{t.active}</td><td className="num">{t.closed}</td>
                        <td>{t.states.map((st) => <span key={st.state} className="state-count">{st.title} {st.count}</span>)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </Panel>
          <div className="two-col">
            <Panel title="各环节待办与逾期">
              {s.tasks.length === 0 ? <Empty>暂无待办</Empty> : <EChart option={charts.tasks} height={Math.max(220, 60 + s.tasks.length * 46)} label="各环节待办与逾期条形图" />}
            </Panel>
            <Panel title="近 12 个月提交与办结"><EChart option={charts.trend} label="近12个月提交与办结折线图" /></Panel>
          </div>
          <BreakdownCharts breakdowns={s.breakdowns ?? []} />
          <Panel title={`逾期待办（${s.totals.overdueTasks}）`}>
            {s.overdue.length === 0 ? <Empty>没有逾期的待办</Empty> : (
              <ScrollRegion label="逾期待办">
                <table className="grid-table zebra">
                  <thead><tr><th scope="col">业务编号</th><th scope="col">名称</th><th scope="col">业务类型</th><th scope="col">环节</th><th scope="col">期限</th><th scope="col">签收人</th></tr></thead>
                  <tbody>
                    {s.overdue.map((o) => (
                      <tr key={o.taskId} className="row-overdue">
                        <td className="mono"><Link to={`/workspace/cases/${o.caseId}`}>{o.number}</Link></td>
                        <td>{o.caseTitle ?? '—'}</td><td>{o.typeTitle}</td><td>{o.task}</td>
                        <td className="nowrap">{formatDateTime(o.dueAt)} <Tag tone="red">{dueText(o.dueAt)}</Tag></td>
                        <td>{o.assigneeName ?? <span className="muted">未签收</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </Panel>
        </>
      )}
    </>
  );
}
