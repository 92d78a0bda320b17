// 办理后自动执行: what a decision does outside the case when it is taken (登记到名录, 设置标记, 写入字段 …),
// each an action of the engine's vocabulary with a parameter form generated from its JSON Schema.
import type { Vocabulary } from '../api';
import type { Placed } from '../lint';
import { SchemaForm } from '../../forms/SchemaForm';
import { PreviewBoundary } from '../PreviewBoundary';
import { InlineProblems } from '../ProblemList';
import type { Effect } from './stepModel';
import { labelledParams } from './paramTitles';

const clean = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

export function EffectsEditor({ idPrefix, effects, vocab, problems, onChange }: {
  idPrefix: string; effects: Effect[]; vocab: Vocabulary | undefined; problems: Placed[]; onChange: (e: Effect[]) => void;
}) {
  const actions = vocab?.actions ?? {};
  const names = Object.keys(actions);
  const set = (k: number, e: Effect) => onChange(effects.map((x, i) => (i === k ? e : x)));
  return (
    <div className="effects">
      {effects.length === 0 && <p className="muted small">作出此决定时不自动执行其他操作。</p>}
      {effects.map((e, k) => (
        <div key={k} className="effect">
          <div className="effect-head">
            <label className="sr-only" htmlFor={`${idPrefix}-effect-${k}-type`}>自动执行的操作</label>
            <select id={`${idPrefix}-effect-${k}-type`} className="form-control" value={e.type} onChange={(ev) => set(k, { type: ev.target.value, params: {} })}>
              {!actions[e.type] && <option value={e.type}>{e.type}（未知）</option>}
              {names.map((n) => <option key={n} value={n}>{actions[n].title}</option>)}
            </select>
            <code className="muted small">{e.type}</code>
            <button type="button" className="btn btn-sm btn-text-danger" onClick={() => onChange(effects.filter((_, i) => i !== k))}>删除此操作</button>
          </div>
          <InlineProblems problems={problems.filter((p) => p.segs[5] === String(k))} />
          {actions[e.type] && (
            <div className="effect-params">
              <PreviewBoundary key={e.type} what="操作的设置">
                <SchemaForm schema={labelledParams(actions[e.type].params, vocab?.registers ?? [])} formData={e.params} idPrefix={`${idPrefix}-effect-${k}`} liveValidate
                  onChange={(d) => set(k, { ...e, params: clean(d) })} />
              </PreviewBoundary>
            </div>
          )}
        </div>
      ))}
      <button type="button" className="btn btn-sm" id={`${idPrefix}-add-effect`} disabled={!names.length} onClick={() => onChange([...effects, { type: names.includes('setFlag') ? 'setFlag' : names[0], params: {} }])}>＋ 添加自动执行的操作</button>
    </div>
  );
}
