// 新建业务类型: a title, a starting shape (空白, 登记类, 备案审核类, 投诉处理类) or a copy of an
// existing type; the id (kebab-case, the same in every file and address) is generated from the
// title and may be changed under 高级 before creating. The new type starts as a draft.
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useDistricts } from '../app/districts';
import { adminApi } from './api';
import { Help } from './Help';
import { identifierFrom, usePinyin } from './identifiers';
import { Modal } from '../ui/Modal';
import { prefixFor } from './newBundle';
import { SHAPES, bundleOfShape, copyBundle, type Shape } from './templates';

const ID = /^[a-z][a-z0-9-]{1,62}$/;

export function NewTypeDialog({ taken, types = [], onClose, onCreated }: {
  taken: string[]; types?: Array<{ id: string; title: string }>; onClose: () => void; onCreated: (id: string) => void;
}) {
  const [typed, setTyped] = useState<string>();
  const [start, setStart] = useState<string>('blank');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { districts } = useDistricts();
  const pinyinReady = usePinyin();
  // The id follows the title until the administrator types one (once the dictionary has loaded).
  const id = typed ?? (title.trim() && pinyinReady ? identifierFrom(title, taken, 'kebab', 62) : '');
  const idError = id && !ID.test(id) ? '标识须以小写字母开头，只含小写字母、数字和连字符（如 new-filing）' : taken.includes(id) ? '该标识已被使用' : undefined;

  const create = async () => {
    if (!id || !title.trim() || idError) { setError(!title.trim() ? '请填写业务名称' : idError ?? '请填写业务标识'); return; }
    setBusy(true);
    try {
      const bundle = start.startsWith('copy:')
        ? copyBundle((await adminApi.draft(start.slice(5))).bundle, id, title.trim(), prefixFor(id))
        : bundleOfShape(start as Shape, id, title.trim(), districts[0]?.code ?? '');
      // Completed (申请表 print, title field, list columns) by the editor's first 保存 or 发布
      // (TypeEditorPage runs completeBundle while a type has never been published).
      await adminApi.saveDraft(bundle);
      onCreated(id);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Modal title="新建业务类型" onClose={onClose} footer={(
      <>
        <button type="button" className="btn" onClick={onClose}>取消</button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={create}>{busy ? '正在创建…' : '创建并开始设计'}</button>
      </>
    )}>
      <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <div className="field">
          <label className="field-label" htmlFor="new-type-title">业务名称<span className="req">*</span></label>
          <input id="new-type-title" className="form-control" value={title} maxLength={40} placeholder="如：××备案" onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="new-type-start">从哪里开始<Help title="从哪里开始">选一种常见的办理流程作为起点（如「备案审核类」：受理、审核、通过或不予备案），或复制一项现有业务；创建后都可以修改。</Help></label>
          <select id="new-type-start" className="form-control" value={start} onChange={(e) => setStart(e.target.value)}>
            {Object.entries(SHAPES).map(([k, v]) => <option key={k} value={k}>{v.title}</option>)}
            {types.length > 0 && (
              <optgroup label="从现有业务复制">
                {types.map((t) => <option key={t.id} value={`copy:${t.id}`}>复制「{t.title}」</option>)}
              </optgroup>
            )}
          </select>
          <p className="field-help">{start.startsWith('copy:') ? '复制其表单、流程、打印模板和设置。' : SHAPES[start as Shape].help}</p>
        </div>
        <details className="advanced" open={!!idError}>
          <summary>高级</summary>
          <div className={`field ${idError ? 'has-error' : ''}`}>
            <label className="field-label" htmlFor="new-type-id">业务标识</label>
            <input id="new-type-id" className="form-control mono" value={id} maxLength={63} onChange={(e) => setTyped(e.target.value.trim())} aria-describedby="new-type-id-help" />
            <p className="field-help" id="new-type-id-help">由业务名称自动生成（拼音），用于网址和导出文件名；创建后不可更改。</p>
            {idError && <p className="field-errors" role="alert">{idError}</p>}
          </div>
        </details>
        {error && !idError && <p className="field-errors" role="alert">{error}</p>}
        <p className="muted small">新业务先保存为草稿，设计完成并检查通过后再发布。</p>
        <button type="submit" className="sr-only" tabIndex={-1}>创建</button>
      </form>
    </Modal>
  );
}
