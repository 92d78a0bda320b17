// Every lint problem of the type in one list, each with its place in the console's words and a
// link to the tab where it is shown in place.
import type { Placed } from './lint';
import { AREA_TITLES } from './lint';
import { humanPath } from './versions/diffPaths';
import { useState } from 'react';
import { fixLabel, type WorkflowFix } from './fixes';

export type TabId = 'settings' | 'form' | 'workflow' | 'simulate' | 'prints' | 'versions';

export const tabOf = (p: Placed): TabId => (p.area === 'ui' ? 'form' : p.area);

export function placeText(p: Placed): string {
  if (p.place) return p.place;
  // The self-test's path is a field of the data, not a place in the schema.
  if (p.selfTest) return ['表单', ...p.segs.map((s) => `「${s}」`)].join(' › ');
  const part = p.area === 'form' ? 'schema' : p.area === 'ui' ? 'uiSchema' : p.area;
  if (p.area === 'prints') return `打印模板「${p.template}」`;
  return humanPath(`/${part}${p.path === '/' ? '' : p.path}`);
}

export interface FixProps {
  /** Applies a repair the check offered; `role` is who gets the task of an addTask fix. */
  onFix: (fix: WorkflowFix, role: string) => void;
  roles: Record<string, string>;
}

export function ProblemList({ problems, onGo, fixes }: { problems: Placed[]; onGo: (tab: TabId) => void; fixes?: FixProps }) {
  return (
    <ol className="problem-list" aria-label="定义中的问题">
      {problems.map((p, i) => (
        <li key={`${p.path}-${p.message}-${i}`}>
          <button type="button" className="linklike" onClick={() => onGo(tabOf(p))}>{AREA_TITLES[p.area]}</button>
          <span className="problem-place">{placeText(p)}</span>
          <span className="problem-text">{p.text}</span>
          {p.fix && fixes && <FixButton fix={p.fix} {...fixes} />}
        </li>
      ))}
    </ol>
  );
}

/** The repair next to a problem; a task's role is chosen first. */
function FixButton({ fix, onFix, roles }: { fix: WorkflowFix } & FixProps) {
  const [role, setRole] = useState('reviewer');
  return (
    <span className="problem-fix">
      {fix.kind === 'addTask' && (
        <select aria-label="办理人" value={role} onChange={(e) => setRole(e.target.value)}>
          {Object.entries(roles).filter(([r]) => r !== 'admin').map(([r, title]) => <option key={r} value={r}>{title}</option>)}
        </select>
      )}
      <button type="button" className="btn btn-sm" onClick={() => onFix(fix, role)}>{fixLabel(fix)}</button>
    </span>
  );
}

/** Problems shown next to a control: a red list under it. */
export function InlineProblems({ problems, id }: { problems: Placed[]; id?: string }) {
  if (!problems.length) return null;
  return <ul className="field-errors" id={id} role="alert">{problems.map((p, i) => <li key={i}>{p.text}</li>)}</ul>;
}
