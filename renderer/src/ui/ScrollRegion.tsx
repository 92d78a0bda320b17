// A box whose content (a table, a diagram, a long value) may be larger than the box and then
// scrolls. It is focusable so a keyboard can scroll it (axe: scrollable-region-focusable; WCAG
// 2.1.1) and a labelled region so a screen reader says what it holds when the focus lands on it.
// Every such box is this one component: the inbox, the registers, 我的业务, 办理记录, 附件, the
// console's lists, the workflow picture …
import type { ReactNode } from 'react';

export function ScrollRegion({ label, className = 'table-scroll', axis = 'x', children }: {
  /** What the box holds, e.g. 办理记录: read as 「办理记录（可左右滚动）」. */
  label: string;
  className?: string;
  /** x: the box scrolls sideways (tables, diagrams); both: also up and down (a value cut at a height). */
  axis?: 'x' | 'both';
  children: ReactNode;
}) {
  return (
    <div className={className} tabIndex={0} role="region" aria-label={`${label}（${axis === 'x' ? '可左右滚动' : '可滚动'}）`}>
      {children}
    </div>
  );
}
