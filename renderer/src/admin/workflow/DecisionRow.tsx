// One decision a step offers (受理, 退回补正, 审核通过 …): the button's name, where it leads, the
// decision form the person fills, whether the whole form is validated first, and its effects.
import { useState } from 'react';
import type { Vocabulary } from '../api';
import type { Placed } from '../lint';
import { formTitle } from '../vocabulary';
import { InlineProblems } from '../ProblemList';
import { EffectsEditor } from './EffectsEditor';
import { PRESETS, presetOf, uniqueEvent } from './presets';
import { STAY, type Decision, type Step } from './stepModel';

interface Props {
  idPrefix: string;
  d: Decision;
  steps: Step[];
  taken: string[];
  vocab: Vocabulary | undefined;
  problems: Placed[];
  onChange: (d: Decision) => void;
  onRemove: () => void;
}

export function DecisionRow({ idPrefix, d, steps, taken, vocab, problems, onChange, onRemove }: Props) {
  const [showEffects, setShowEffects] = useState(d.actions.length > 0);
  const preset = presetOf(d.event);
  const forms = vocab?.decisionForms ?? [];
  const others = taken.filter((e) => e !== d.event);
  const choose = (value: string) => {
    if (value === 'custom') {
      onChange({ ...d, event: uniqueEvent('CUSTOM', others), title: preset ? '自定义决定' : d.title });
      return;
    }
    const p = PRESETS.find((x) => x.event === value)!;
    onChange({ ...d, event: uniqueEvent(p.event, others), title: p.title, form: p.form && (forms.includes(p.form) || !vocab) ? p.form : undefined, validate: p.validate });
  };
  // "event X is not handled in this state" is about where it leads: shown under 去向.
  const at = (...keys: string[]) => problems.filter((p) => keys.includes(p.segs[p.segs[2] === 'on' ? 4 : 7] ?? (/not handled/.test(p.message) ? 'target' : '')));
  const rest = problems.filter((p) => !at('target', 'form', 'title', 'actions').includes(p));
  return (
    <>
      <tr className={problems.length ? 'row-bad' : ''}>
        <td>
          <select id={`${idPrefix}-preset`} className="form-control input-sm" aria-label="决定" value={preset?.event ?? 'custom'} onChange={(e) => choose(e.target.value)}>
            {PRESETS.map((p) => <option key={p.event} value={p.event}>{p.hint}</option>)}
            <option value="custom">自定义…</option>
          </select>
          <code className="event-code" title="事件名">{d.event}</code>
        </td>
        <td>
          <input id={`${idPrefix}-title`} className="form-control input-sm" aria-label="按钮名称" value={d.title} onChange={(e) => onChange({ ...d, title: e.target.value })} />
          <InlineProblems problems={[...at('title'), ...rest]} />
        </td>
        <td>
          <select id={`${idPrefix}-target`} className={`form-control input-sm ${at('target').length || !d.target ? 'invalid' : ''}`} aria-label="去向" value={d.target} onChange={(e) => onChange({ ...d, target: e.target.value })}>
            <option value="">（请选择去向）</option>
            {steps.map((s) => <option key={s.key} value={s.key}>{s.title}</option>)}
            <option value={STAY}>（留在本环节）</option>
          </select>
          <InlineProblems problems={at('target')} />
        </td>
        <td>
          <select id={`${idPrefix}-form`} className="form-control input-sm" aria-label="决定表单" value={d.form ?? ''} onChange={(e) => onChange({ ...d, form: e.target.value || undefined })}>
            <option value="">（无需填写）</option>
            {d.form && !forms.includes(d.form) && <option value={d.form}>{d.form}</option>}
            {forms.map((f) => <option key={f} value={f}>{formTitle(vocab, f)}</option>)}
          </select>
          <InlineProblems problems={at('form')} />
        </td>
        <td className="center">
          <input id={`${idPrefix}-validate`} type="checkbox" aria-label="先校验整张表单" checked={!!d.validate} onChange={(e) => onChange({ ...d, validate: e.target.checked || undefined })} />
        </td>
        <td className="nowrap">
          <button type="button" className={`btn btn-sm ${d.actions.length ? 'btn-outline' : ''}`} id={`${idPrefix}-effects`} aria-expanded={showEffects} onClick={() => setShowEffects(!showEffects)}>效果（{d.actions.length}）</button>
          <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除决定「${d.title}」`} onClick={onRemove}>删除</button>
        </td>
      </tr>
      {showEffects && (
        <tr className="effects-row">
          <td colSpan={6}>
            <EffectsEditor idPrefix={idPrefix} effects={d.actions} vocab={vocab} problems={at('actions')} onChange={(actions) => onChange({ ...d, actions })} />
          </td>
        </tr>
      )}
    </>
  );
}
