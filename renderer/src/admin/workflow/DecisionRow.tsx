// One decision a step offers (受理, 退回补正, 审核通过 …): the button's name, the 办理意见表 the person
// fills, whether everything filled in is checked first, and where it leads (one step or 条件分支)
// with what is done automatically on the way. The event name is generated from the button's name.
import type { Vocabulary } from '../api';
import type { Placed } from '../lint';
import { formTitle } from '../vocabulary';
import { identifierFrom } from '../identifiers';
import { InlineProblems } from '../ProblemList';
import { Help } from '../Help';
import { BranchList, type TargetOption } from './BranchList';
import { conditionFields } from './conditions';
import { PRESETS, presetOf, uniqueEvent } from './presets';
import type { Decision } from './stepModel';
import type { JsonSchema } from '../../api/model';

interface Props {
  idPrefix: string;
  d: Decision;
  targets: TargetOption[];
  taken: string[];
  vocab: Vocabulary | undefined;
  form: JsonSchema | undefined;
  problems: Placed[];
  /** The event name may still follow the button's name (the decision is new in this editing). */
  fresh: boolean;
  onChange: (d: Decision) => void;
  onRemove: () => void;
}

export function DecisionRow({ idPrefix, d, targets, taken, vocab, form, problems, fresh, onChange, onRemove }: Props) {
  const preset = presetOf(d.event);
  const forms = vocab?.decisionForms ?? [];
  const others = taken.filter((e) => e !== d.event);
  const choose = (value: string) => {
    if (value === 'custom') {
      onChange({ ...d, event: identifierFrom('自定义决定', others, 'upper'), title: preset ? '自定义决定' : d.title });
      return;
    }
    const p = PRESETS.find((x) => x.event === value)!;
    onChange({ ...d, event: uniqueEvent(p.event, others), title: p.title, form: p.form && (forms.includes(p.form) || !vocab) ? p.form : undefined, validate: p.validate });
  };
  const setTitle = (title: string) => onChange({ ...d, title, ...(fresh && !preset ? { event: identifierFrom(title, others, 'upper') } : {}) });
  const at = (key: string) => problems.filter((p) => (p.segs[2] === 'on' ? p.segs[4] === key : p.segs[7] === key) || (key === 'target' && /not handled/.test(p.message)));
  const rest = problems.filter((p) => !['target', 'form', 'title'].some((k) => at(k).includes(p)));
  const fields = conditionFields(form, d.form ? vocab?.decisionFormSchemas?.[d.form] : undefined);
  return (
    <li className={`decision ${problems.length ? 'row-bad' : ''}`} data-event={d.event}>
      {!d.declared && <div className="decision-line"><strong>子环节的决定「{d.title}」</strong><span className="muted small">（按钮在子环节中设置）</span></div>}
      {d.declared && <div className="decision-line">
        <select id={`${idPrefix}-preset`} className="form-control input-sm" aria-label="办理按钮" value={preset?.event ?? 'custom'} onChange={(e) => choose(e.target.value)}>
          {PRESETS.map((p) => <option key={p.event} value={p.event}>{p.hint}</option>)}
          <option value="custom">自定义…</option>
        </select>
        <input id={`${idPrefix}-title`} className="form-control input-sm" aria-label="按钮名称" value={d.title} onChange={(e) => setTitle(e.target.value)} />
        <label className="inline-label" htmlFor={`${idPrefix}-form`}>办理意见表</label>
        <select id={`${idPrefix}-form`} className="form-control input-sm" value={d.form ?? ''} onChange={(e) => onChange({ ...d, form: e.target.value || undefined })}>
          <option value="">（无需填写）</option>
          {d.form && !forms.includes(d.form) && <option value={d.form}>{d.form}</option>}
          {forms.map((f) => <option key={f} value={f}>{formTitle(vocab, f)}</option>)}
        </select>
        <Help title="办理意见表">办理人作出此决定时填写的意见，如「审核意见」；条件分支可以按其中的内容（如“是否通过”）分去向。</Help>
        <label className="inline-label">
          <input id={`${idPrefix}-validate`} type="checkbox" checked={!!d.validate} onChange={(e) => onChange({ ...d, validate: e.target.checked || undefined })} />
          提交前检查全部填写内容
        </label>
        <Help title="提交前检查全部填写内容">勾选后，表单有必填项未填或格式不对时不能作出此决定，如申请人的「保存并提交」。</Help>
        <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除决定「${d.title}」`} onClick={onRemove}>删除</button>
      </div>}
      <InlineProblems problems={[...at('title'), ...at('form'), ...rest]} />
      <BranchList idPrefix={idPrefix} branches={d.branches} targets={targets} fields={fields} vocab={vocab} allowStay problems={at('target')}
        onChange={(branches) => onChange({ ...d, branches })} />
    </li>
  );
}
