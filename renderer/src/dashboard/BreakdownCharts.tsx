// The dashboard's figures per company and per area (投诉、报修 by company and area, the owners'
// ratings, evaluation scores, survey satisfaction): one chart per breakdown the definitions declare,
// the count as bars and each averaged score as a line on its own axis, the numbers in a table.
import { useMemo } from 'react';
import type { StatsBreakdown } from '../api/model';
import { Empty } from '../ui/Alert';
import { Panel } from '../ui/Panel';
import { EChart } from './EChart';
import { ScrollRegion } from '../ui/ScrollRegion';

const BLUE = '#1a5fb4';
const SCORE_COLORS = ['#e66100', '#2e7d32', '#813d9c'];

function option(b: StatsBreakdown) {
  return {
    color: [BLUE, ...SCORE_COLORS],
    tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: b.rows.map((r) => r.label), axisLabel: { interval: 0, width: 96, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: '数量', minInterval: 1 },
      ...(b.measures.length ? [{ type: 'value', name: '平均分', splitLine: { show: false } }] : []),
    ],
    series: [
      { name: '数量', type: 'bar', data: b.rows.map((r) => r.count), barMaxWidth: 36 },
      ...b.measures.map((m, i) => ({
        name: m, type: 'line', yAxisIndex: 1, connectNulls: true, symbolSize: 8,
        data: b.rows.map((r) => r.values[i]),
      })),
    ],
  };
}

function BreakdownPanel({ b }: { b: StatsBreakdown }) {
  const chart = useMemo(() => option(b), [b]);
  return (
    <Panel title={b.title}>
      {b.rows.length === 0 ? <Empty>暂无数据</Empty> : (
        <>
          <EChart option={chart} height={260} label={`${b.title}图表`} />
          <ScrollRegion label={b.title}>
            <table className="grid-table zebra">
              <thead><tr><th scope="col">{b.group}</th><th scope="col">数量</th>{b.measures.map((m) => <th key={m} scope="col">{m}</th>)}</tr></thead>
              <tbody>
                {b.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th><td className="num">{r.count}</td>
                    {r.values.map((v, i) => <td key={b.measures[i]} className="num">{v ?? '—'}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </Panel>
  );
}

/** Two per row, in the definitions' order (a type's breakdowns by company, then by area). */
export function BreakdownCharts({ breakdowns }: { breakdowns: StatsBreakdown[] }) {
  if (breakdowns.length === 0) return null;
  return (
    <section aria-label="按企业、小区统计">
      <div className="two-col">
        {breakdowns.map((b) => <BreakdownPanel key={b.key} b={b} />)}
      </div>
    </section>
  );
}

/** The breakdowns as CSV rows, after the dashboard's other tables. */
export function breakdownCsvRows(breakdowns: StatsBreakdown[]): Array<Array<string | number>> {
  return breakdowns.flatMap((b) => [[], [b.title], [b.group, '数量', ...b.measures], ...b.rows.map((r) => [r.label, r.count, ...r.values.map((v) => v ?? '')])]);
}
