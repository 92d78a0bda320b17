// 打印模板: per template (申请表, 受理通知书, 备案证明 and any other), its title, the steps it may be
// printed in, and its Handlebars source with a live HTML preview on the example data and a PDF
// preview made exactly like a real print.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import type { TypeSettings } from '../../api/model';
import type { Draft } from '../useDraft';
import { printPreview } from '../api';
import { problemsAt, zhMessage } from '../lint';
import { readForm } from '../form/fieldModel';
import { InlineProblems } from '../ProblemList';
import { Tag } from '../../ui/StatusTag';
import { defaultTemplate, insertables, STANDARD_PRINTS } from './defaultTemplate';

type PrintSettings = NonNullable<TypeSettings['prints']>;
const NAME = /^[a-z0-9-]{1,64}$/;

export function PrintsTab({ draft }: { draft: Draft }) {
  const b = draft.bundle!;
  const names = useMemo(() => [...new Set([...Object.keys(STANDARD_PRINTS), ...Object.keys(b.prints ?? {})])], [b.prints]);
  const [selected, setSelected] = useState(() => Object.keys(b.prints ?? {})[0] ?? 'application');
  const [newName, setNewName] = useState('');
  const fields = useMemo(() => readForm(b.schema, b.uiSchema).fields, [b.schema, b.uiSchema]);
  const states = useMemo(() => Object.entries((b.workflow?.states ?? {}) as Record<string, { meta?: { title?: string } }>).map(([k, s]) => ({ key: k, title: s?.meta?.title ?? k })), [b.workflow]);
  const source = b.prints?.[selected];
  // A 备案证明 is printed once approved: its default is the final steps whose outcome is approved.
  const approvedStates = Object.entries((b.workflow?.states ?? {}) as Record<string, { meta?: { outcome?: string } }>).filter(([, s]) => s?.meta?.outcome === 'approved').map(([k]) => k);
  const settings = (b.settings.prints ?? {}) as PrintSettings;
  const title = settings[selected]?.title ?? STANDARD_PRINTS[selected] ?? selected;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [html, setHtml] = useState('');
  const [previewError, setPreviewError] = useState<string>();
  const [pdfBusy, setPdfBusy] = useState(false);
  const problems = draft.problems.filter((p) => p.area === 'prints' && p.template === selected);
  const settingProblems = problemsAt(draft.problems, 'settings', 'prints', selected);

  const setPrint = (src: string | undefined, t?: string, st?: string[] | undefined) => draft.update((x) => {
    const prints = { ...(x.prints ?? {}) };
    const ps = { ...((x.settings.prints ?? {}) as PrintSettings) };
    if (src === undefined) { delete prints[selected]; delete ps[selected]; }
    else {
      prints[selected] = src;
      const cur = ps[selected] ?? { title: STANDARD_PRINTS[selected] ?? selected };
      // No states is "any non-editable state": the meta-schema takes no empty list.
      const [first, ...rest] = st ?? cur.states ?? [];
      ps[selected] = { title: t ?? cur.title, ...(first === undefined ? {} : { states: [first, ...rest] }) };
    }
    const settings2 = { ...x.settings, prints: ps };
    if (!Object.keys(ps).length) delete (settings2 as Record<string, unknown>).prints;
    return { ...x, prints, settings: settings2 };
  });

  // Live preview: rendered by the engine on the example data half a second after typing stops.
  const bundleRef = useRef(b);
  bundleRef.current = b;
  useEffect(() => {
    if (source === undefined) { setHtml(''); setPreviewError(undefined); return; }
    let live = true;
    const t = setTimeout(() => {
      printPreview(bundleRef.current, selected, undefined, 'html').then(
        (h) => { if (live) { setHtml(h as string); setPreviewError(undefined); } },
        (e) => { if (live) setPreviewError(e instanceof ApiError && Array.isArray(e.details) ? zhMessage((e.details as Array<{ message: string }>)[0].message) : errorMessage(e)); },
      );
    }, 500);
    return () => { live = false; clearTimeout(t); };
  }, [source, selected, b.schema.examples, b.settings.prints]); // eslint-disable-line react-hooks/exhaustive-deps -- the bundle is read through its ref

  const pdf = async () => {
    // The window opens on the click (pop-up blockers allow that) and gets the PDF when it is made.
    const w = window.open('', '_blank');
    w?.document.write('<p style="font:14px sans-serif;padding:16px">正在生成 PDF 预览…</p>');
    setPdfBusy(true);
    try {
      const blob = await printPreview(b, selected, undefined, 'pdf') as Blob;
      const url = URL.createObjectURL(blob);
      if (w) w.location.href = url; else window.location.href = url;
      setPreviewError(undefined);
    } catch (e) {
      w?.close();
      setPreviewError(e instanceof ApiError && Array.isArray(e.details) ? zhMessage((e.details as Array<{ message: string }>)[0].message) : errorMessage(e));
    } finally {
      setPdfBusy(false);
    }
  };
  const insert = (text: string) => {
    const el = textarea.current;
    const src = source ?? '';
    const at = el ? el.selectionStart : src.length;
    const end = el ? el.selectionEnd : src.length;
    setPrint(src.slice(0, at) + text + src.slice(end));
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + text.length, at + text.length); });
  };
  const addCustom = () => {
    if (!NAME.test(newName) || names.includes(newName)) return;
    draft.update((x) => ({ ...x, prints: { ...(x.prints ?? {}), [newName]: defaultTemplate(newName, fields) }, settings: { ...x.settings, prints: { ...((x.settings.prints ?? {}) as PrintSettings), [newName]: { title: '新打印模板' } } } }));
    setSelected(newName);
    setNewName('');
  };

  return (
    <div className="prints-designer">
      <nav className="print-list" aria-label="打印模板">
        <ul>
          {names.map((n) => (
            <li key={n}>
              <button type="button" className={`print-item ${n === selected ? 'on' : ''}`} aria-current={n === selected} onClick={() => setSelected(n)}>
                <span>{settings[n]?.title ?? STANDARD_PRINTS[n] ?? n}</span>
                <code>{n}</code>
                {b.prints?.[n] === undefined ? <Tag tone="grey">未创建</Tag> : draft.problems.some((p) => p.area === 'prints' && p.template === n) ? <Tag tone="red">有问题</Tag> : <Tag tone="green">已设置</Tag>}
              </button>
            </li>
          ))}
        </ul>
        <div className="print-new">
          <label className="sr-only" htmlFor="print-new-name">新模板标识</label>
          <input id="print-new-name" className="form-control input-sm mono" placeholder="新模板标识，如 notice" value={newName} onChange={(e) => setNewName(e.target.value.trim())} />
          <button type="button" className="btn btn-sm" disabled={!NAME.test(newName) || names.includes(newName)} onClick={addCustom}>＋ 新增模板</button>
        </div>
      </nav>

      <section className="print-editor" aria-label={`打印模板：${title}`}>
        {source === undefined ? (
          <div className="empty print-empty">
            <p>「{title}」尚未创建。</p>
            <button type="button" className="btn btn-primary" id="print-create" onClick={() => setPrint(defaultTemplate(selected, fields), STANDARD_PRINTS[selected] ?? selected, selected === 'certificate' ? approvedStates : undefined)}>按表单字段生成「{title}」模板</button>
          </div>
        ) : (
          <>
            <div className="form-grid">
              <div className={`field ${settingProblems.length ? 'has-error' : ''}`}>
                <label className="field-label" htmlFor="print-title">模板名称（打印按钮上显示）</label>
                <input id="print-title" className="form-control" value={title} onChange={(e) => setPrint(source, e.target.value)} />
                <InlineProblems problems={settingProblems} />
              </div>
              <fieldset className="field checks">
                <legend className="field-label">可打印的环节<span className="muted small">（不选则为提交后的任何环节）</span></legend>
                {states.map((s) => {
                  const on = settings[selected]?.states?.includes(s.key) ?? false;
                  const cur = settings[selected]?.states ?? [];
                  return (
                    <label key={s.key} className="check-inline">
                      <input type="checkbox" checked={on} onChange={(e) => setPrint(source, undefined, e.target.checked ? [...cur, s.key] : cur.filter((x) => x !== s.key))} />{s.title}
                    </label>
                  );
                })}
              </fieldset>
            </div>
            <div className="print-panes">
              <div className="print-source">
                <div className="print-source-head">
                  <label className="field-label" htmlFor="print-source">模板源码（Handlebars）</label>
                  <select className="form-control input-sm" aria-label="插入字段" value="" onChange={(e) => { if (e.target.value) insert(e.target.value); }}>
                    <option value="">插入…</option>
                    {insertables(fields).map((x) => <option key={x.label} value={x.text}>{x.label}</option>)}
                  </select>
                </div>
                <textarea id="print-source" ref={textarea} className="form-control code print-textarea" spellCheck={false} value={source} onChange={(e) => setPrint(e.target.value)} />
                <InlineProblems problems={problems} />
                <div className="print-ops">
                  <button type="button" className="btn btn-sm" id="print-generate" onClick={() => { if (window.confirm('按当前表单字段重新生成模板？现有源码将被替换。')) setPrint(defaultTemplate(selected, fields)); }}>按字段重新生成</button>
                  <button type="button" className="btn btn-sm btn-text-danger" onClick={() => { if (window.confirm(`删除模板「${title}」？`)) setPrint(undefined); }}>删除模板</button>
                </div>
                <p className="field-help">可用：<code>{'{{data.字段}}'}</code>、<code>{'{{case.number}}'}</code>、<code>{'{{org.name}}'}</code>、<code>{'{{formatDate …}}'}</code>、<code>{'{{yesno …}}'}</code>、<code>{'{{#each data.表格}}…{{/each}}'}</code>、<code>{'{{> header}}'}</code>。选填字段请用 <code>{'{{#if data.x}}…{{/if}}'}</code> 包住。</p>
              </div>
              <div className="print-preview">
                <div className="print-source-head">
                  <span className="field-label">预览（示例数据）</span>
                  <button type="button" className="btn btn-sm btn-primary" id="print-pdf" disabled={pdfBusy} onClick={pdf}>{pdfBusy ? '正在生成…' : '生成 PDF 预览'}</button>
                </div>
                {previewError && <div className="alert alert-error" role="alert"><div className="alert-body"><strong className="alert-title">模板无法渲染</strong>{previewError}</div></div>}
                <iframe className="print-frame" title={`${title}预览`} sandbox="" srcDoc={html} />
              </div>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
