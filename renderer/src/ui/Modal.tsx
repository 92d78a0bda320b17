// A dialog over the page: titled, closes with Esc, 取消 or a click beside it, keeps focus inside
// while open and gives it back to what had it (the button that opened it) when it closes.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** The body is the dialog's message (a confirmation): read out with its title. */
  describe?: boolean;
  /** Where the focus goes back when it closes (the button that opened it; a click does not focus a button in every browser). */
  returnTo?: HTMLElement | null;
}

export function Modal({ title, onClose, children, footer, wide, describe, returnTo }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  // The latest onClose, so the set-up below runs once per opening: pages pass a new function on
  // every render, and re-running it would move the focus back to the first button each time.
  const close = useRef(onClose);
  useLayoutEffect(() => { close.current = onClose; });
  useEffect(() => {
    const before = returnTo ?? document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal-x)');
    (first ?? box.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.preventDefault(); close.current(); }
      if (e.key === 'Tab' && box.current) {
        const items = [...box.current.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input, select, textarea')];
        if (!items.length) return;
        const [a, z] = [items[0], items[items.length - 1]];
        // Focus outside the dialog (a click on the backdrop's edge) comes back in as well.
        if (!box.current.contains(document.activeElement)) { e.preventDefault(); (e.shiftKey ? z : a).focus(); }
        else if (e.shiftKey && document.activeElement === a) { e.preventDefault(); z.focus(); }
        else if (!e.shiftKey && document.activeElement === z) { e.preventDefault(); a.focus(); }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('keydown', onKey); before?.focus?.(); };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once per opening: `returnTo` is read when it opens
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close.current(); }}>
      <div className={`modal ${wide ? 'modal-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}
        aria-describedby={describe ? `${id}-body` : undefined} ref={box} tabIndex={-1}>
        <header className="modal-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="modal-x" aria-label="关闭" onClick={onClose}>×</button>
        </header>
        <div className="modal-body" id={`${id}-body`}>{children}</div>
        {footer && <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}

/**
 * 确定 / 取消 for an action that needs a second thought (回退, 发布, 放弃草稿, an applicant's 提交).
 * 取消 comes first and has the focus: Enter on an opened confirmation does not act by itself.
 */
export function Confirm({ title, children, confirmText = '确定', danger, busy, returnTo, onConfirm, onClose }: {
  title: string; children: ReactNode; confirmText?: string; danger?: boolean; busy?: boolean; returnTo?: HTMLElement | null; onConfirm: () => void; onClose: () => void;
}) {
  return (
    <Modal title={title} onClose={onClose} describe returnTo={returnTo} footer={(
      <>
        <button type="button" className="btn" onClick={onClose}>取消</button>
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={onConfirm}>{busy ? '请稍候…' : confirmText}</button>
      </>
    )}>
      {children}
    </Modal>
  );
}
