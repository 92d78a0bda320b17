// A titled box, the basic block of every page.
import type { ReactNode } from 'react';

export function Panel({ title, extra, children, className = '', id }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className={`panel ${className}`} aria-labelledby={headingId} id={id}>
      {(title || extra) && (
        <header className="panel-head">
          {title && <h2 className="panel-title" id={headingId}>{title}</h2>}
          {extra && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
