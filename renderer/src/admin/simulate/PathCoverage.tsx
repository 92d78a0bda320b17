// 路径覆盖: every path from the start to an end of the case, walked by the engine on the real
// workflow with the sample data (POST /api/admin/simulate answers them), each with a button that
// replays it step by step above; the ends no path reaches with this data are named.
import type { PathCoverage as Coverage, SimPath } from '../api';

/** The simulator's events for a path: a timer is "$timer" there. */
export const pathEvents = (p: SimPath) => p.steps.map((s) => (s.event.startsWith('xstate.after.') ? '$timer' : s.event));

export function PathCoverage({ coverage, walked, onReplay }: { coverage: Coverage; walked: string[]; onReplay: (events: string[]) => void }) {
  const mine = walked.join(' ');
  return (
    <section className="sim-coverage" aria-labelledby="sim-coverage-title">
      <h4 id="sim-coverage-title">路径覆盖：从开始到办结共 {coverage.paths.length} 条路径{coverage.truncated ? '（路径过多，只列出一部分）' : ''}</h4>
      <ol className="sim-paths">
        {coverage.paths.map((p, i) => {
          const events = pathEvents(p);
          const here = events.join(' ') === mine;
          return (
            <li key={i} className={here ? 'walked' : ''}>
              <span className="sim-path-text">
                {p.steps.map((s, k) => <span key={k}>{k > 0 && ' → '}<em>{s.eventTitle}</em> → {s.stateTitle}</span>)}
              </span>
              {here ? <span className="sim-path-tag">✓ 当前模拟走的就是这条</span>
                : <button type="button" className="btn btn-sm" onClick={() => onReplay(events)}>按此路径模拟</button>}
            </li>
          );
        })}
      </ol>
      <ul className="sim-ends">
        {coverage.ends.map((e) => (
          <li key={e.state} className={e.walked ? 'ok' : 'bad'}>
            {e.walked ? `✓ 办结环节「${e.title}」有路径到达` : `✗ 办结环节「${e.title}」按当前示例数据没有路径到达（条件不成立或无路可通），请换一份数据再看`}
          </li>
        ))}
      </ul>
    </section>
  );
}
