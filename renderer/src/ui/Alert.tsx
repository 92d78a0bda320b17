// Messages in the page: errors where they belong, success notes, the 409 reload offer.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

type Kind = 'error' | 'success' | 'info' | 'warning';

export function Alert({ kind = 'info', title, children, onClose, actions }: { kind?: Kind; title?: ReactNode; children?: ReactNode; onClose?: () => void; actions?: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">
        {title && <strong className="alert-title">{title}</strong>}
        {children && <div>{children}</div>}
        {actions && <div className="alert-actions">{actions}</div>}
      </div>
      {onClose && <button type="button" className="alert-close" aria-label="关闭提示" onClick={onClose}>×</button>}
    </div>
  );
}

/** An API error in Chinese; a conflict offers to reload, a lost session to log in. */
export function ErrorAlert({ error, onReload, onClose }: { error: unknown; onReload?: () => void; onClose?: () => void }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e?.message ?? (error instanceof Error ? error.message : String(error));
  return (
    <Alert
      kind="error"
      title={e?.status === 409 ? '数据已变化' : e?.status === 403 ? '无权操作' : e?.status === 0 ? '网络异常' : '操作未成功'}
      onClose={onClose}
      actions={e?.status === 409 && onReload ? <button type="button" className="btn btn-sm btn-primary" onClick={onReload}>重新加载最新数据</button> : undefined}
    >
      {message}
      {e?.status === 409 && <div className="muted">您填写的内容已暂存在本浏览器中，重新加载后可恢复。</div>}
    </Alert>
  );
}

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return <div className="loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />{text}</div>;
}

export function Empty({ children = '暂无数据' }: { children?: ReactNode }) {
  return <div className="empty">{children}</div>;
}
