// 版本对比: choose two versions (or a version and the draft) and open their differences.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AdminType } from '../api';
import { Modal } from '../../ui/Modal';

export function DiffPicker({ type, onClose }: { type: AdminType; onClose: () => void }) {
  const navigate = useNavigate();
  const versions = type.versions.map((v) => v.version);
  const [from, setFrom] = useState(versions.length > 1 ? versions[versions.length - 2] : versions[0]);
  const [to, setTo] = useState(type.hasDraft ? 'draft' : String(type.currentVersion ?? versions[versions.length - 1]));
  return (
    <Modal title={`版本对比：${type.title}`} onClose={onClose} footer={(
      <>
        <button type="button" className="btn" onClick={onClose}>取消</button>
        <button type="button" className="btn btn-primary" onClick={() => navigate(`/admin/types/${type.id}/diff?from=${from}&to=${to}`)}>查看差异</button>
      </>
    )}>
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor="diff-from">原版本</label>
          <select id="diff-from" className="form-control" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v) => <option key={v} value={v}>版本 {v}{v === type.currentVersion ? '（当前）' : ''}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="diff-to">对比</label>
          <select id="diff-to" className="form-control" value={to} onChange={(e) => setTo(e.target.value)}>
            {versions.map((v) => <option key={v} value={String(v)}>版本 {v}{v === type.currentVersion ? '（当前）' : ''}</option>)}
            {type.hasDraft && <option value="draft">草稿</option>}
          </select>
        </div>
      </div>
    </Modal>
  );
}
