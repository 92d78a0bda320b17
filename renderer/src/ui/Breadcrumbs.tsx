// 当前位置：首页 > 工作台 > …
import { Link } from 'react-router';
import { useEffect } from 'react';
import { usePlatformName } from '../app/districts';

export interface Crumb { title: string; to?: string }

/**
 * `heading`: the current page's title is also the page's one h1 (hidden: the breadcrumbs show it),
 * so screen readers find every page's title; a page that shows its own visible h1 passes false.
 */
export function Breadcrumbs({ items, heading = true }: { items: Crumb[]; heading?: boolean }) {
  const platform = usePlatformName();
  const last = items[items.length - 1]?.title;
  useEffect(() => { document.title = last ? `${last} - ${platform}` : platform; }, [last, platform]);
  if (!items.length) return null;
  return (
    <>
    {heading && <h1 className="sr-only">{last}</h1>}
    <nav className="breadcrumbs" aria-label="当前位置">
      <span className="breadcrumbs-label">当前位置：</span>
      <ol>
        <li><Link to="/">首页</Link></li>
        {items.map((c, i) => (
          <li key={i} aria-current={i === items.length - 1 ? 'page' : undefined}>
            {c.to && i < items.length - 1 ? <Link to={c.to}>{c.title}</Link> : <span>{c.title}</span>}
          </li>
        ))}
      </ol>
    </nav>
    </>
  );
}
