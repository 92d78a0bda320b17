// 新建业务类型: an id (kebab-case, the same in every file and address) and a title; the new type
// starts as a draft with a district field and the applicant's draft step.
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useDistricts } from '../app/districts';
import { adminApi } from './api';
import { Modal } from './Modal';
import { newBundle } from './newBundle';

const ID = /^[a-z][a-z0-9-]{1,62}$/;

export function NewTypeDialog({ taken, onClose, onCreated }: { taken: string[]; onClose: () => void; onCreated: (id: string) => void }) {
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { districts } = useDistricts();
  const idError = id && !ID.test(id) ? '标识须以小写字母开头，只含小写字母、数字和连字符（如 new-filing）' : taken.includes(id) ? '该标识已被使用' : undefined;

  const create = async () => {
    if (!id || !title.trim() || idError) { setError(!title.trim() ? '请填写业务名称' : idError ?? '请填写标识'); return; }
    setBusy(true);
    try {
      await adminApi.saveDraft(newBundle(id, title.trim(), districts[0]?.code ?? ''));
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
        <div className={`field ${idError ? 'has-error' : ''}`}>
          <label className="field-label" htmlFor="new-type-id">业务标识<span className="req">*</span></label>
          <input id="new-type-id" className="form-control mono" value={id} maxLength={63} placeholder="如：new-filing" onChange={(e) => setId(e.target.value.trim())} aria-describedby="new-type-id-help" />
          <p className="field-help" id="new-type-id-help">英文小写与连字符，创建后不可更改；用于网址和导出文件名。</p>
          {idError && <p className="field-errors" role="alert">{idError}</p>}
        </div>
        {error && !idError && <p className="field-errors" role="alert">{error}</p>}
        <p className="muted small">新业务先保存为草稿：已包含“所属区县”字段和申请人“草稿”环节，设计完成并检查通过后再发布。</p>
        <button type="submit" className="sr-only" tabIndex={-1}>创建</button>
      </form>
    </Modal>
  );
}
