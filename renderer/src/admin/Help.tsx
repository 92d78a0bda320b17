// The "?" beside a setting of the console: a button that opens a short explanation with an
// example, in plain Chinese. Keyboard and screen-reader friendly (a disclosure, not a hover tip).
import { useId, useState, type ReactNode } from 'react';

export function Help({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="help-tip">
      <button type="button" className="help-tip-button" aria-expanded={open} aria-controls={id} aria-label={`说明：${title}`} onClick={() => setOpen((o) => !o)}>?</button>
      {open && <span id={id} role="note" className="help-tip-text">{children}</span>}
    </span>
  );
}
