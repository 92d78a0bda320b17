// Cases on a type version by status: 办理中 2 · 已办结 5 · 草稿 1.
import type { VersionInfo } from './api';

const STATUS_TITLES: Array<[string, string]> = [['active', '办理中'], ['closed', '已办结'], ['draft', '草稿']];

export function CaseCounts({ v }: { v: VersionInfo }) {
  const parts = STATUS_TITLES.filter(([k]) => v.cases[k]).map(([k, t]) => `${t} ${v.cases[k]}`);
  const other = Object.entries(v.cases).filter(([k]) => !STATUS_TITLES.some(([s]) => s === k)).map(([k, n]) => `${k} ${n}`);
  const all = [...parts, ...other];
  return <span className="case-counts">{all.length ? all.join(' · ') : <span className="muted">无业务</span>}</span>;
}

/** Where a version came from: 内置文件, 控制台发布, 导入, 回退自版本 N. */
export function sourceTitle(source: string): string {
  if (source === 'files') return '内置定义文件';
  if (source === 'console') return '控制台发布';
  if (source.startsWith('import')) return '导入';
  if (source.startsWith('rollback:')) return `回退（取自版本 ${source.slice(9)}）`;
  return source;
}
