// Named time limits (settings.delays): 公示期 7 天 … used by timers and by steps' due times.
import type { TypeSettings } from '../../api/model';
import type { Placed } from '../lint';
import { formatDue, parseDue } from '../workflow/stepModel';
import { InlineProblems } from '../ProblemList';
import { Help } from '../Help';

type Delays = NonNullable<TypeSettings['delays']>;

export function DelaysEditor({ delays, problems, onChange }: { delays: Delays; problems: Placed[]; onChange: (d: Delays) => void }) {
  const entries = Object.entries(delays);
  const rename = (from: string, to: string) => onChange(Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v])));
  const setValue = (name: string, value: Delays[string]) => onChange({ ...delays, [name]: value });
  const add = () => { let i = entries.length + 1; while (`delay${i}` in delays) i++; onChange({ ...delays, [`delay${i}`]: 'P7D' }); };
  return (
    <div className="delays">
      <p className="field-help">为常用的时长命名（如 publicity = 7 天），流程中的期限和定时可以引用这些名称。</p>
      <table className="grid-table compact">
        <thead><tr><th scope="col">名称<Help title="期限名称">流程中引用此时长的名称，例如 publicity（公示期）。</Help></th><th scope="col">时长<Help title="时长">期限的长度，例如 7 天；修改后所有引用此名称的期限一起改变。</Help></th><th scope="col" className="col-ops">操作</th></tr></thead>
        <tbody>
          {entries.map(([name, value], i) => {
            const d = typeof value === 'string' ? parseDue(value) : null;
            return (
              <tr key={i}>
                <td><input className="form-control input-sm mono" aria-label="期限名称" value={name} onChange={(e) => rename(name, e.target.value)} /></td>
                <td>
                  {d ? (
                    <span className="inline-pairs">
                      <input type="number" min={1} className="form-control input-sm" aria-label="时长" value={d.n} onChange={(e) => setValue(name, formatDue(Math.max(1, Number(e.target.value) || 1), d.unit))} />
                      <select className="form-control input-sm" aria-label="单位" value={d.unit} onChange={(e) => setValue(name, formatDue(d.n, e.target.value as 'D' | 'H'))}>
                        <option value="D">天</option><option value="H">小时</option>
                      </select>
                    </span>
                  ) : <code>{JSON.stringify(value)}</code>}
                  <InlineProblems problems={problems.filter((p) => p.segs[1] === name)} />
                </td>
                <td className="col-ops"><button type="button" className="btn btn-sm btn-text-danger" onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== name)))}>删除</button></td>
              </tr>
            );
          })}
          {entries.length === 0 && <tr><td colSpan={3} className="empty-row">未设置</td></tr>}
        </tbody>
      </table>
      <button type="button" className="btn btn-sm" onClick={add}>＋ 添加期限</button>
    </div>
  );
}
