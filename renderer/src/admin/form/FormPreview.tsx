// The form as applicants will see it (the app's own renderer, widgets and Chinese validation),
// filled with the example; what is typed here can become the example.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type Form from '@rjsf/core';
import { SchemaForm } from '../../forms/SchemaForm';
import type { Draft } from '../useDraft';
import { problemsAt } from '../lint';
import { PreviewBoundary } from '../PreviewBoundary';

const clean = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

export function FormPreview({ draft }: { draft: Draft }) {
  const b = draft.bundle!;
  const examples = Array.isArray(b.schema.examples) ? b.schema.examples : [];
  const exampleKey = useMemo(() => JSON.stringify(examples[0] ?? null), [examples[0]]); // eslint-disable-line react-hooks/exhaustive-deps -- the example object itself
  const [data, setData] = useState<unknown>(() => clean(examples[0]));
  useEffect(() => { setData(clean(examples[0])); }, [exampleKey]); // eslint-disable-line react-hooks/exhaustive-deps -- follows the example's content
  const form = useRef<Form>(null);
  const [verdict, setVerdict] = useState<'ok' | 'bad' | null>(null);
  const [saved, setSaved] = useState(false);
  const exampleProblems = problemsAt(draft.problems, 'form', 'examples');
  // Once per change, not per render: a big form's data is large (JSON.stringify drops undefined as
  // clean() does).
  const exampleJson = useMemo(() => JSON.stringify(examples[0] ?? {}), [exampleKey]); // eslint-disable-line react-hooks/exhaustive-deps -- follows the example's content
  const differs = useMemo(() => JSON.stringify(data ?? {}) !== exampleJson, [data, exampleJson]);
  const schemaKey = useMemo(() => JSON.stringify([b.schema.properties, b.schema.required, b.schema.if, b.schema.then, b.schema.allOf, b.uiSchema]), [b.schema, b.uiSchema]);
  const onChange = useCallback((d: unknown) => { setData(d); setVerdict(null); }, []);

  const useAsExample = () => {
    draft.update((x) => {
      const list = Array.isArray(x.schema.examples) ? x.schema.examples : [];
      return { ...x, schema: { ...x.schema, examples: [clean(data), ...list.slice(1)] } };
    });
    setSaved(true);
    setTimeout(() => setSaved(false), 2500);
  };

  return (
    <div className="preview-box">
      <div className="preview-head">
        <h3>表单预览<span className="muted small">（申请人看到的样子）</span></h3>
        <div className="preview-ops">
          <button type="button" className="btn btn-sm" id="preview-validate" onClick={() => setVerdict(form.current?.validateForm() ? 'ok' : 'bad')}>校验</button>
          <button type="button" className="btn btn-sm" disabled={!differs} onClick={() => { setData(clean(examples[0])); setVerdict(null); }}>重置为示例</button>
          <button type="button" className="btn btn-sm btn-outline" id="use-as-example" disabled={!differs} onClick={useAsExample}>用当前填写作为示例</button>
        </div>
      </div>
      <div className="sr-only" aria-live="polite">{saved ? '已将当前填写设为示例数据' : ''}</div>
      {saved && <p className="preview-note ok">已设为示例数据（模拟运行和打印预览都使用它）。</p>}
      {verdict === 'ok' && <p className="preview-note ok">✓ 当前填写符合表单要求</p>}
      {verdict === 'bad' && <p className="preview-note bad">当前填写有问题，已在表单中标出</p>}
      {exampleProblems.length > 0 && (
        <div className="alert alert-warning"><div className="alert-body"><strong className="alert-title">示例数据不符合表单</strong>
          {exampleProblems.map((p, i) => <div key={i}>{p.text}</div>)}
          <div className="muted small">在下方改好后点“用当前填写作为示例”。</div>
        </div></div>
      )}
      <div className="preview-body">
        <PreviewBoundary key={schemaKey} what="表单预览">
          <SchemaForm ref={form} schema={b.schema} uiSchema={b.uiSchema} formData={data} onChange={onChange} liveValidate idPrefix="preview" />
        </PreviewBoundary>
      </div>
    </div>
  );
}
