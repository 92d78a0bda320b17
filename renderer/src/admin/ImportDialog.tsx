// 导入: a type bundle file (exported here or elsewhere) is checked like files on disk and each of
// its versions published as a new version here; any problem refuses the whole file.
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { adminApi, type Problem } from './api';
import { Modal } from '../ui/Modal';
import { zhMessage } from './lint';

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (message: string) => void }) {
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!file) { setError('请选择业务类型包文件（.json）'); return; }
    setBusy(true); setError(undefined); setProblems([]);
    try {
      let parsed: unknown;
      try { parsed = JSON.parse(await file.text()); } catch { throw new Error('文件格式不对：请选择“导出”生成的 .bundle.json 文件'); }
      const r = await adminApi.import(parsed);
      onImported(`已导入「${r.id}」：${r.published.map((p) => `包内版本 ${p.from} → 本系统版本 ${p.version}`).join('，')}`);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && Array.isArray(e.details)) setProblems(e.details as Problem[]);
      setBusy(false);
    }
  };

  return (
    <Modal title="导入业务类型包" onClose={onClose} footer={(
      <>
        <button type="button" className="btn" onClick={onClose}>取消</button>
        <button type="button" className="btn btn-primary" disabled={busy || !file} onClick={run}>{busy ? '正在导入…' : '检查并导入'}</button>
      </>
    )}>
      <div className="field">
        <label className="field-label" htmlFor="import-file">业务类型包文件</label>
        <input id="import-file" type="file" accept=".json,application/json" className="form-control" onChange={(e) => setFile(e.target.files?.[0])} />
        <p className="field-help">由“导出”生成的 .bundle.json 文件。导入前按发布的标准逐项检查，有任何问题则整个文件不导入。</p>
      </div>
      {error && <div className="alert alert-error" role="alert"><div className="alert-body">{error}</div></div>}
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.slice(0, 30).map((p, i) => <li key={i}><code>{p.path}</code> {zhMessage(p.message)}</li>)}
        </ul>
      )}
    </Modal>
  );
}
