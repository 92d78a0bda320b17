// /admin/types/:id: one type's definition in tabs — 基本设置, 表单设计, 流程设计, 模拟运行, 打印模板,
// 版本记录 — with the draft's state, the engine's check and 保存草稿 / 发布 / 放弃草稿 above them.
import { completeBundle } from './completeBundle';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { useApi } from '../api/hooks';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { Tag } from '../ui/StatusTag';
import type { AdminType } from './api';
import { useTypeDraft } from './useDraft';
import { useVocabulary } from './vocabulary';
import { usePinyin } from './identifiers';
import { Confirm } from '../ui/Modal';
import { CaseCounts } from './caseCounts';
import { ProblemList, tabOf, type TabId } from './ProblemList';
import { applyFix } from './fixes';
import { SettingsTab } from './settings/SettingsTab';
import { FormTab } from './form/FormTab';
import { WorkflowTab } from './workflow/WorkflowTab';
import { SimulatorTab } from './simulate/SimulatorTab';
import { PrintsTab } from './prints/PrintsTab';
import { VersionsTab } from './versions/VersionsTab';

const TABS: Array<{ id: TabId; title: string }> = [
  { id: 'settings', title: '基本设置' }, { id: 'form', title: '表单设计' }, { id: 'workflow', title: '流程设计' },
  { id: 'simulate', title: '模拟运行' }, { id: 'prints', title: '打印模板' }, { id: 'versions', title: '版本记录' },
];

type Pending = 'publish' | 'discard' | null;
// The check is the one publishing makes, the form self-test included (useDraft.ts).
const LINT_HINT = '与发布时的检查相同：检查定义，并用示例数据和按表单生成的数据试填表单（表单自检）';

export function TypeEditorPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'form') as TabId;
  const setTab = (t: TabId) => setParams((p) => { p.set('tab', t); return p; }, { replace: true });
  const draft = useTypeDraft(id);
  const vocab = useVocabulary();
  const types = useApi<{ items: AdminType[] }>('/api/admin/types');
  const info = types.data?.items.find((t) => t.id === id);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [showProblems, setShowProblems] = useState(false);
  // The form and workflow editors name new fields, steps and events from their titles.
  const pinyinReady = usePinyin();

  // Unsaved edits are not lost by closing the tab by mistake.
  useEffect(() => {
    if (!draft.dirty) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draft.dirty]);

  const counts = useMemo(() => {
    const c: Partial<Record<TabId, number>> = {};
    for (const p of draft.problems) c[tabOf(p)] = (c[tabOf(p)] ?? 0) + 1;
    return c;
  }, [draft.problems]);

  if (draft.loadError) return <ErrorAlert error={draft.loadError} />;
  if (!draft.bundle || !pinyinReady) return <Loading />;
  const b = draft.bundle;
  const current = info?.versions.find((v) => v.version === info.currentVersion);
  const nextVersion = Math.max(0, ...(info?.versions.map((v) => v.version) ?? [0])) + 1;

  const act = async (what: 'save' | 'publish' | 'discard') => {
    setBusy(true);
    setNotice(undefined);
    try {
      // A type never published is completed on save (申请表, title field, list columns, menu).
      const prepare = info?.currentVersion ? undefined : completeBundle;
      if (what === 'save') { await draft.save(prepare); setNotice({ kind: 'success', text: '草稿已保存。草稿不影响正在使用的版本，发布后才生效。' }); }
      if (what === 'publish') {
        const v = await draft.publish(prepare);
        setNotice({ kind: 'success', text: `已发布为版本 ${v}：此后新建的业务使用此版本，正在办理的业务仍按原版本办理到结束。` });
        types.reload();
      }
      if (what === 'discard') {
        if (!info?.currentVersion) { await draft.discard().catch(() => undefined); navigate('/admin'); return; }
        await draft.discard();
        setNotice({ kind: 'success', text: '已放弃草稿，恢复为当前版本的内容。' });
        types.reload();
      }
    } catch (e) {
      const text = e instanceof ApiError && e.code === 'DEF_INVALID'
        ? `未发布：定义中有 ${Array.isArray(e.details) ? e.details.length : 1} 处问题，已在各页标出，请修改后再发布。`
        : errorMessage(e);
      setNotice({ kind: 'error', text });
      if (e instanceof ApiError && e.code === 'DEF_INVALID') setShowProblems(true);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const status = draft.dirty ? <Tag tone="orange">有未保存的修改</Tag> : draft.isDraft ? <Tag tone="blue">草稿已保存，未发布</Tag> : <Tag tone="green">与当前版本一致</Tag>;
  const problems = draft.problems.length;

  return (
    <div className="type-editor">
      <Breadcrumbs items={[{ title: '系统管理', to: '/admin' }, { title: '业务类型配置', to: '/admin' }, { title: b.settings.title || id }]} heading={false} />
      <section className="editor-head" aria-label="业务类型">
        <div className="editor-title">
          <h1>{b.settings.title || id}</h1>
          <code className="editor-id">{id}</code>
          {info?.currentVersion ? <Tag tone="blue">当前版本 v{info.currentVersion}</Tag> : <Tag tone="grey">尚未发布</Tag>}
          {status}
          {current && <span className="muted small">当前版本业务：<CaseCounts v={current} /></span>}
        </div>
        <div className="editor-actions">
          <span className={`lint-state ${draft.linting ? 'busy' : problems ? 'bad' : 'ok'}`} role="status" aria-live="polite" title={LINT_HINT}>
            {draft.linting ? '正在检查…' : problems ? (
              <button type="button" className="linklike" aria-expanded={showProblems} onClick={() => setShowProblems(!showProblems)}>✗ 发现 {problems} 处问题</button>
            ) : '✓ 检查通过'}
          </span>
          <button type="button" className="btn" disabled={busy || !draft.dirty} onClick={() => act('save')}>保存草稿</button>
          <button type="button" className="btn btn-red" disabled={busy} onClick={() => setPending('publish')}>发布</button>
          {(draft.isDraft || draft.dirty) && <button type="button" className="btn btn-text-danger" disabled={busy} onClick={() => setPending('discard')}>放弃草稿</button>}
          <Link to="/admin" className="btn">返回列表</Link>
        </div>
      </section>
      {notice && <Alert kind={notice.kind} onClose={() => setNotice(undefined)}>{notice.text}</Alert>}
      {showProblems && problems > 0 && (
        <div className="problems-box">
          <ProblemList problems={draft.problems} onGo={(t) => setTab(t)}
            fixes={vocab && { roles: vocab.roles, onFix: (fix, role) => draft.update((x) => ({ ...x, workflow: applyFix(x.workflow, fix, role) })) }} />
        </div>
      )}
      <div className="editor-body">
        <div className="tabs editor-tabs" role="tablist" aria-label="定义">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`pane-${t.id}`} className={`tab ${tab === t.id ? 'on' : ''}`} onClick={() => setTab(t.id)}>
              {t.title}{counts[t.id] ? <span className="tab-badge" aria-label={`${counts[t.id]} 处问题`}>{counts[t.id]}</span> : null}
            </button>
          ))}
        </div>
        <div className="tab-pane editor-pane" role="tabpanel" id={`pane-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'settings' && <SettingsTab draft={draft} vocab={vocab} />}
          {tab === 'form' && <FormTab draft={draft} />}
          {tab === 'workflow' && <WorkflowTab draft={draft} vocab={vocab} />}
          {tab === 'simulate' && <SimulatorTab draft={draft} vocab={vocab} />}
          {tab === 'prints' && <PrintsTab draft={draft} />}
          {tab === 'versions' && <VersionsTab id={id} info={info} draft={draft} onChanged={types.reload} />}
        </div>
      </div>
      {pending === 'publish' && (
        <Confirm title="发布新版本" confirmText={`发布为版本 ${nextVersion}`} busy={busy} onConfirm={() => act('publish')} onClose={() => setPending(null)}>
          <p>将把当前编辑的内容发布为「{b.settings.title}」的版本 <strong>{nextVersion}</strong>。</p>
          <ul className="plain-list">
            <li>此后新建的业务按版本 {nextVersion} 办理；</li>
            <li>正在办理的业务{current ? <>（当前版本：<CaseCounts v={current} />）</> : ''}仍按原版本办理到结束；</li>
            <li>发布前会再次检查定义并做表单自检，有问题则不发布并在各页标出。</li>
          </ul>
          {problems > 0 && <Alert kind="warning">当前检查发现 {problems} 处问题，发布会被拒绝。</Alert>}
        </Confirm>
      )}
      {pending === 'discard' && (
        <Confirm title="放弃草稿" confirmText="放弃草稿" danger busy={busy} onConfirm={() => act('discard')} onClose={() => setPending(null)}>
          <p>草稿中的全部修改将被删除，{info?.currentVersion ? `恢复为当前版本 v${info.currentVersion} 的内容` : '该业务类型尚未发布，将一并删除'}。此操作不能撤销。</p>
        </Confirm>
      )}
    </div>
  );
}
