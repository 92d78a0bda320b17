// Every lint problem of the type in one list, each with its place in the console's words and a
// link to the tab where it is shown in place.
import type { Placed } from './lint';
import { AREA_TITLES } from './lint';
import { humanPath } from './versions/diffPaths';

export type TabId = 'settings' | 'form' | 'workflow' | 'simulate' | 'prints' | 'versions';

export const tabOf = (p: Placed): TabId => (p.area === 'ui' ? 'form' : p.area);

export function placeText(p: Placed): string {
  const part = p.area === 'form' ? 'schema' : p.area === 'ui' ? 'uiSchema' : p.area;
  if (p.area === 'prints') return `打印模板「${p.template}」`;
  return humanPath(`/${part}${p.path === '/' ? '' : p.path}`);
}

export function ProblemList({ problems, onGo }: { problems: Placed[]; onGo: (tab: TabId) => void }) {
  return (
    <ol className="problem-list" aria-label="定义中的问题">
      {problems.map((p, i) => (
        <li key={i}>
          <button type="button" className="linklike" onClick={() => onGo(tabOf(p))}>{AREA_TITLES[p.area]}</button>
          <span className="problem-place">{placeText(p)}</span>
          <span className="problem-text">{p.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** Problems shown next to a control: a red list under it. */
export function InlineProblems({ problems, id }: { problems: Placed[]; id?: string }) {
  if (!problems.length) return null;
  return <ul className="field-errors" id={id} role="alert">{problems.map((p, i) => <li key={i}>{p.text}</li>)}</ul>;
}
