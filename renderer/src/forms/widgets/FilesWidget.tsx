// Attachment lists (arrays of uploaded file ids): upload with a progress bar, the list with name,
// size, download and 删除. Files go to POST /api/files; the form keeps only their ids.
import { useRef, useState } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { ApiError, uploadFile } from '../../api/client';
import { formatSize } from '../../ui/format';
import type { FormContextValue } from '../context';
import { ATTACHMENT_TYPES, acceptedTypes, extensionOf } from '../../../../engine/shared/form-manifest';

interface Uploading { key: number; name: string; size: number; progress: number; abort: () => void }

export function FilesWidget(props: WidgetProps) {
  const { id, value, onChange, disabled, readonly, schema, formContext, rawErrors, label, options } = props;
  // The kinds of file this list takes (ui:options.accept: pdf, image, word, excel; none: all).
  const types = acceptedTypes(options.accept);
  const exts: string[] = types.flatMap((t) => [...ATTACHMENT_TYPES[t].exts]);
  const typeTitles = types.map((t) => ATTACHMENT_TYPES[t].title).join('、');
  const ctx = formContext as FormContextValue;
  const ids: string[] = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && !!v) : [];
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [error, setError] = useState<string>();
  const idsRef = useRef(ids);
  idsRef.current = ids;
  const seq = useRef(0);
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
  const full = max !== undefined && ids.length + uploading.length >= max;

  const upload = (files: FileList | null) => {
    if (!files?.length) return;
    setError(undefined);
    const fitting = [...files].filter((f) => exts.includes(extensionOf(f.name)));
    const list = fitting.slice(0, max !== undefined ? Math.max(0, max - ids.length - uploading.length) : fitting.length);
    if (fitting.length < files.length) setError(`此处只能上传 ${typeTitles} 文件，其他文件未上传`);
    else if (list.length < files.length) setError(`最多上传 ${max} 个文件，多出的文件未上传`);
    for (const file of list) {
      const key = ++seq.current;
      const send = ctx.uploader ?? ((f: File, onProgress: (p: number) => void) => uploadFile('/api/files', f, onProgress));
      const { promise, abort } = send(file, (p) => setUploading((u) => u.map((x) => (x.key === key ? { ...x, progress: p } : x))));
      setUploading((u) => [...u, { key, name: file.name, size: file.size, progress: 0, abort }]);
      promise.then((stored) => {
        ctx.rememberFile(stored);
        // Several uploads may finish before the next render: chain on the latest list.
        idsRef.current = [...idsRef.current, stored.id];
        onChange(idsRef.current);
      }, (e) => {
        if (!(e instanceof ApiError && e.code === 'ABORTED')) setError(`「${file.name}」上传失败：${e instanceof ApiError ? e.message : String(e)}`);
      }).finally(() => setUploading((u) => u.filter((x) => x.key !== key)));
    }
  };

  const remove = (fileId: string) => {
    idsRef.current = ids.filter((x) => x !== fileId);
    onChange(idsRef.current);
  };
  const editable = !readonly && !disabled;

  return (
    <div className={`files-widget ${rawErrors?.length ? 'invalid' : ''}`}>
      {ids.length === 0 && uploading.length === 0 && <div className="files-empty">{editable ? '尚未上传文件' : '无'}</div>}
      {ids.length > 0 && (
        <ul className="files-list">
          {ids.map((fid) => {
            const info = ctx.files[fid];
            return (
              <li key={fid}>
                <span className="file-icon" aria-hidden="true" />
                {ctx.uploader ? <span className="file-name">{info?.name ?? `附件 ${fid.slice(0, 8)}`}</span>
                  : <a href={`/api/files/${fid}`} className="file-name" download>{info?.name ?? `附件 ${fid.slice(0, 8)}`}</a>}
                {info?.size !== undefined && <span className="file-size">{formatSize(info.size)}</span>}
                {editable && <button type="button" className="btn btn-sm btn-text-danger" onClick={() => remove(fid)} aria-label={`删除附件 ${info?.name ?? ''}`}>删除</button>}
              </li>
            );
          })}
        </ul>
      )}
      {uploading.map((u) => (
        <div key={u.key} className="file-progress">
          <span className="file-name">{u.name}</span>
          <span className="file-size">{formatSize(u.size)}</span>
          <progress max={1} value={u.progress} aria-label={`${u.name} 上传进度`} />
          <span>{Math.round(u.progress * 100)}%</span>
          <button type="button" className="btn btn-sm" onClick={u.abort}>取消</button>
        </div>
      ))}
      {editable && (ctx.canUpload ? (
        <label className={`btn btn-sm file-button ${full ? 'disabled' : ''}`}>
          ＋ 上传文件
          <input
            id={id}
            type="file"
            className="sr-only"
            multiple={max === undefined || max > 1}
            accept={exts.join(',')}
            disabled={full}
            aria-label={`上传${label ?? '附件'}`}
            aria-describedby={ariaDescribedByIds(id)}
            onChange={(e) => { upload(e.target.files); e.target.value = ''; }}
          />
        </label>
      ) : (
        <p className="field-help" id={id}>上传材料需要登录：注册用户登录后可在系统内上传。</p>
      ))}
      {editable && ctx.canUpload && <span className="files-hint">支持 {typeTitles}，单个文件不超过 20 MB{max ? `，最多 ${max} 个` : ''}</span>}
      {error && <div className="field-errors" role="alert">{error}</div>}
    </div>
  );
}
