// 基本设置: the type's name, menu group and order, business-number prefix, who may start one, the
// field that titles a case in lists, the district the case belongs to, named time limits and list
// columns — the settings an administrator sets without JSON.
import { useMemo } from 'react';
import { useSession } from '../../app/session';
import { useTypes } from '../../app/types';
import { starterRoles } from '../../app/roles';
import type { TypeSettings } from '../../api/model';
import type { Draft } from '../useDraft';
import type { Vocabulary } from '../api';
import { problemsAt } from '../lint';
import { Labeled, NumberInput } from '../Labeled';
import { readForm } from '../form/fieldModel';
import { Help } from '../Help';
import { DelaysEditor } from './DelaysEditor';

export function SettingsTab({ draft, vocab }: { draft: Draft; vocab: Vocabulary | undefined }) {
  const b = draft.bundle!;
  const s = b.settings;
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  const menus = useMemo(() => [...new Set((types ?? []).map((t) => t.menu).filter((m): m is string => !!m))], [types]);
  const fields = useMemo(() => readForm(b.schema, b.uiSchema).fields, [b.schema, b.uiSchema]);
  const at = (...segs: string[]) => problemsAt(draft.problems, 'settings', ...segs);
  const set = (patch: Partial<TypeSettings>) => draft.update((x) => {
    const settings = { ...x.settings, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') delete (settings as Record<string, unknown>)[k];
    // The form's title follows the type's name while they were the same.
    const schema = patch.title !== undefined && x.schema.title === x.settings.title ? { ...x.schema, title: patch.title } : x.schema;
    return { ...x, settings, schema };
  });
  const roles = vocab?.roles ?? {};
  const starters = s.starters ?? [];
  const textFields = fields.filter((f) => f.kind === 'text' || f.kind === 'select');
  const districtFields = fields.filter((f) => f.kind === 'district');
  const columns = s.listColumns ?? [];

  return (
    <div className="settings-tab">
      <h3 className="section-title">业务信息</h3>
      <div className="form-grid">
        <Labeled id="set-title" label="业务名称" required problems={at('title')} tip="申请人和工作人员看到的业务名称，例如“装修备案”。">
          <input id="set-title" className="form-control" value={s.title ?? ''} onChange={(e) => set({ title: e.target.value })} />
        </Labeled>
        <Labeled id="set-prefix" label="业务编号前缀" required problems={at('numberPrefix')} tip="每件业务编号开头的字母，例如 ZXBA，编号为 ZXBA-2026-000001。" help={`2 至 8 位大写字母，业务编号形如 ${s.numberPrefix || 'ABCD'}-${new Date().getFullYear()}-000001`}>
          <input id="set-prefix" className="form-control mono" value={s.numberPrefix ?? ''} maxLength={8} onChange={(e) => set({ numberPrefix: e.target.value.toUpperCase() })} />
        </Labeled>
        <Labeled id="set-menu" label="所属菜单" problems={at('menu')} tip="此业务在申请人菜单中所在的分组，例如“物业管理”。" help="申请人工作台左侧菜单中的分组，可选已有分组或输入新分组">
          <input id="set-menu" className="form-control" list="set-menu-list" value={s.menu ?? ''} onChange={(e) => set({ menu: e.target.value || undefined })} />
          <datalist id="set-menu-list">{menus.map((m) => <option key={m} value={m} />)}</datalist>
        </Labeled>
        <Labeled id="set-order" label="菜单排序" problems={at('order')} tip="同一分组中数字小的排在前面，例如 10 排在 20 之前。" help="数字小的排在前面">
          <NumberInput id="set-order" value={s.order} onChange={(v) => set({ order: v })} />
        </Labeled>
        <Labeled id="set-description" label="业务说明" className="grid-item wide" problems={at('description')} tip="显示在业务页面顶部的说明，例如“开工前 3 天提交，须附施工方案”。" help="显示在业务页面顶部，告诉申请人办理条件和要求">
          <textarea id="set-description" className="form-control" rows={2} value={s.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} />
        </Labeled>
      </div>

      <h3 className="section-title">谁可以发起</h3>
      <fieldset className={`field checks ${at('starters').length ? 'has-error' : ''}`}>
        <legend className="field-label">可发起此业务的角色<Help title="可发起此业务的角色">勾选的角色可以新建这项业务，例如勾选“物业服务企业”后，企业用户的菜单中出现此业务。</Help></legend>
        {starterRoles().filter((r) => r in roles || !vocab).map((r) => (
          <label key={r} className="check-inline">
            <input type="checkbox" id={`set-starter-${r}`} checked={starters.includes(r)}
              onChange={(e) => set({ starters: e.target.checked ? [...starters, r] : starters.filter((x) => x !== r) })} />
            {roles[r] ?? r}
          </label>
        ))}
        {at('starters').map((p, i) => <p key={i} className="field-errors">{p.text}</p>)}
      </fieldset>

      <h3 className="section-title">列表与归属</h3>
      <div className="form-grid">
        <Labeled id="set-title-field" label="业务标题字段" problems={at('titleField')} tip="列表中代表一件业务的字段，例如选“小区名称”，待办中显示“锦绣花园”。" help="在待办、查询列表中代表一件业务的字段">
          <select id="set-title-field" className="form-control" value={s.titleField ?? ''} onChange={(e) => set({ titleField: e.target.value || undefined })}>
            <option value="">（不指定）</option>
            {textFields.map((f) => <option key={f.name} value={`/${f.name}`}>{f.title}</option>)}
          </select>
        </Labeled>
        <Labeled id="set-district" label="业务所属区县" problems={at('scope')} tip="由哪个区县的工作人员办理，例如取自表单「所属区县」，禅城区的申请由禅城区受理。" help="受理、审核人员按业务所属区县办理">
          <select id="set-district" className="form-control" value={s.scope?.district ?? ''}
            onChange={(e) => set({ scope: e.target.value ? { ...(s.scope ?? {}), district: e.target.value } : (() => { const { district: _d, ...rest } = s.scope ?? {}; return Object.keys(rest).length ? rest : undefined; })() })}>
            <option value="">（不指定）</option>
            {districtFields.map((f) => <option key={f.name} value={`/${f.name}`}>取自表单「{f.title}」</option>)}
          </select>
        </Labeled>
      </div>
      <fieldset className="field checks">
        <legend className="field-label">业务列表中显示的列<Help title="业务列表中显示的列">勾选的字段在业务列表中各占一列，例如勾选“联系电话”，列表中可直接看到电话。</Help></legend>
        {fields.filter((f) => !['table', 'attachments', 'other'].includes(f.kind)).map((f) => {
          const on = columns.some((c) => c.field === `/${f.name}`);
          return (
            <label key={f.name} className="check-inline">
              <input type="checkbox" id={`set-col-${f.name}`} checked={on}
                onChange={(e) => set({ listColumns: e.target.checked ? [...columns, { field: `/${f.name}`, title: f.title }] : columns.filter((c) => c.field !== `/${f.name}`) })} />
              {f.title}
            </label>
          );
        })}
      </fieldset>

      <h3 className="section-title">期限设置</h3>
      <DelaysEditor delays={s.delays ?? {}} problems={at('delays')} onChange={(delays) => set({ delays: Object.keys(delays).length ? delays : undefined })} />
    </div>
  );
}
