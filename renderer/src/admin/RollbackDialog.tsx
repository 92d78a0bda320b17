// 回退: an older version's content published again as a new version (history is never rewritten).
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { adminApi, type AdminType } from './api';
import { Confirm } from '../ui/Modal';
import { CaseCounts } from './caseCounts';

export function RollbackDialog({ type, initial, onClose, onDone }: { type: AdminType; initial?: number; onClose: () => void; onDone: (message: string) => void }) {
  const older = type.versions.filter((v) => v.version !== type.currentVersion).map((v) => v.version).reverse();
  const [version, setVersion] = useState<number>(initial ?? older[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const next = Math.max(0, ...type.versions.map((v) => v.version)) + 1;
  const current = type.versions.find((v) => v.version === type.currentVersion);

  const run = async () => {
    setBusy(true);
    try {
      const r = await adminApi.rollback(type.id, version);
      onDone(`「${type.title}」已回退：版本 ${version} 的内容已发布为版本 ${r.version}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Confirm title={`回退「${type.title}」`} confirmText={`确认回退到版本 ${version}`} danger busy={busy} onConfirm={run} onClose={onClose}>
      <div className="field">
        <label className="field-label" htmlFor="rollback-version">回退到版本</label>
        <select id="rollback-version" className="form-control" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
          {older.map((v) => <option key={v} value={v}>版本 {v}</option>)}
        </select>
      </div>
      <p>将把版本 <strong>{version}</strong> 的内容再次发布为新的版本 <strong>{next}</strong>，历史版本不会被修改。</p>
      <p className="muted">当前版本 v{type.currentVersion} 上的业务（{current ? <CaseCounts v={current} /> : '无'}）仍按原版本办理到结束；此后新建的业务使用版本 {next}。</p>
      {error && <p className="field-errors" role="alert">{error}</p>}
    </Confirm>
  );
}
