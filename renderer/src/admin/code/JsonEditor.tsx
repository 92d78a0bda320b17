// A JSON code editor (CodeMirror 6): syntax colours, brackets, search, completion from a hint
// schema, JSON errors with line and column, and the engine's lint problems marked at the place
// they name. The value is an object: every edit that parses is passed up; while the text does not
// parse, the last good value stays and the error is shown. A value changed from outside (the
// visual editors) replaces the text.
import { useEffect, useRef, useState } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { forceLinting, linter, type Diagnostic } from '@codemirror/lint';
import { syntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { hintCompletion, type HintSchema } from './jsonCompletion';
import { parseProblem, rangeOf, type ParseProblem } from './jsonTree';

export interface PlacedText { segs: string[]; text: string }

interface Props {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  hints?: () => HintSchema | undefined;
  problems?: PlacedText[];
  height?: number;
  readOnly?: boolean;
}

const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);
const same = (text: string, value: unknown) => { try { return JSON.stringify(JSON.parse(text)) === JSON.stringify(value ?? {}); } catch { return false; } };

const theme = EditorView.theme({
  '&': { fontSize: '12.5px', border: '1px solid var(--line-2)', borderRadius: '3px', background: '#fff' },
  '&.cm-focused': { outline: '2px solid rgba(26, 95, 180, .35)' },
  '.cm-scroller': { fontFamily: '"Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace', lineHeight: '1.55' },
  '.cm-gutters': { background: '#f6f8fb', color: '#8a96a3', borderRight: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { background: 'var(--blue-600)' },
});

export function JsonEditor({ id, label, value, onChange, hints, problems = [], height = 460, readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const hintsRef = useRef(hints);
  hintsRef.current = hints;
  const problemsRef = useRef(problems);
  problemsRef.current = problems;
  const [parseError, setParseError] = useState<ParseProblem | null>(null);

  useEffect(() => {
    const lint = linter((v) => {
      const text = v.state.doc.toString();
      const tree = syntaxTree(v.state);
      const out: Diagnostic[] = [];
      const p = parseProblem(text, v.state, tree);
      if (p) out.push({ from: Math.min(p.pos, text.length), to: Math.min(p.pos + 1, text.length), severity: 'error', message: `第 ${p.line} 行第 ${p.column} 列：${p.message}` });
      else {
        for (const prob of problemsRef.current) {
          const r = rangeOf(v.state, tree, prob.segs);
          if (r) out.push({ ...r, severity: 'error', message: prob.text });
        }
      }
      return out;
    }, { delay: 300 });
    const state = EditorState.create({
      doc: pretty(value),
      extensions: [
        basicSetup, json(), lint, theme,
        jsonLanguage.data.of({ autocomplete: hintCompletion(() => hintsRef.current?.()) }),
        EditorView.contentAttributes.of({ 'aria-labelledby': `${id}-label`, 'aria-multiline': 'true' }),
        EditorState.readOnly.of(readOnly),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          const p = parseProblem(text, u.state, syntaxTree(u.state));
          setParseError(p);
          if (!p) onChangeRef.current(JSON.parse(text));
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current! });
    return () => view.current?.destroy();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- created once; value changes are dispatched below

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const text = v.state.doc.toString();
    if (same(text, value)) return;
    v.dispatch({ changes: { from: 0, to: text.length, insert: pretty(value) } });
  }, [value]);

  useEffect(() => { if (view.current) forceLinting(view.current); }, [problems]);

  return (
    <div className="json-editor" id={id}>
      <div className="json-editor-label" id={`${id}-label`}>{label}<span className="muted small">（输入时自动提示可用的键和取值，Ctrl+空格 打开提示）</span></div>
      <div ref={host} style={{ height }} className="json-editor-host" />
      {parseError
        ? <div className="json-status bad" role="alert">JSON 格式错误：第 {parseError.line} 行第 {parseError.column} 列，{parseError.message}（修正前不会应用到其他页面）</div>
        : <div className="json-status ok">JSON 格式正确{problems.length ? `，有 ${problems.length} 处定义问题（已在行内标出）` : ''}</div>}
    </div>
  );
}
