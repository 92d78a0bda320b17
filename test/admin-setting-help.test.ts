// Every setting of the console's editors has a "?" beside it (docs/admin-console.md: "Every
// setting has a ?"): read statically from the TSX of the field editor, the step editor and the
// basic settings. A setting's label is a <Labeled> (it needs a `tip`, or a <Help> inside its
// `label`), a caption marked field-label or inline-label, a <legend>, or a table's column header
// (<th>) — each needs a <Help> inside it or beside it (a sibling under the same parent).
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { parseTsx, tsxFiles } from './helpers/tsx-text.js';

const DIRS = ['renderer/src/admin/form', 'renderer/src/admin/workflow', 'renderer/src/admin/settings'];
/** Column headers that name no setting: the row number and the row's buttons. */
const NOT_SETTINGS = ['序号', '操作'];

type Jsx = ts.JsxElement | ts.JsxSelfClosingElement;
const opening = (n: Jsx) => (ts.isJsxElement(n) ? n.openingElement : n);
const tagOf = (n: Jsx, src: ts.SourceFile) => opening(n).tagName.getText(src);
const attr = (n: Jsx, name: string, src: ts.SourceFile) => opening(n).attributes.properties
  .find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText(src) === name);

function containsHelp(node: ts.Node, src: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if ((ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) && tagOf(n, src) === 'Help') found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The labels of settings in a file without a "?" beside them, as "file:line 「label」". */
function labelsWithoutHelp(file: string): { labels: number; missing: string[] } {
  const src = parseTsx(ROOT_DIR, file);
  const missing: string[] = [];
  let labels = 0;
  const where = (n: ts.Node, what: string) => `${file}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1} 「${what}」`;
  const visit = (n: ts.Node) => {
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) {
      const tag = tagOf(n, src);
      const cls = attr(n, 'className', src)?.initializer?.getText(src) ?? '';
      if (tag === 'Labeled') {
        labels++;
        const label = attr(n, 'label', src);
        if (!attr(n, 'tip', src) && !(label && containsHelp(label, src))) missing.push(where(n, label?.initializer?.getText(src) ?? '?'));
      } else if (ts.isJsxElement(n) && (/\b(field|inline)-label\b/.test(cls) || tag === 'legend' || tag === 'th')) {
        const text = n.children.map((c) => c.getText(src)).join('').replace(/<Help[\s\S]*<\/Help>/, '').trim();
        if (!(tag === 'th' && NOT_SETTINGS.includes(text))) {
          labels++;
          const parent = n.parent;
          const besideHelp = ts.isJsxElement(parent) && parent.children.some((c) => (ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c)) && tagOf(c, src) === 'Help');
          if (!containsHelp(n, src) && !besideHelp) missing.push(where(n, text));
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return { labels, missing };
}

describe('控制台的每项设置旁都有“?”说明', () => {
  const files = DIRS.flatMap((d) => tsxFiles(ROOT_DIR, d));

  it('the scan finds the settings of the field editor, the step editor and 基本设置', () => {
    const count = (f: string) => labelsWithoutHelp(f).labels;
    expect(count('renderer/src/admin/form/FieldEditor.tsx')).toBeGreaterThan(15);
    expect(count('renderer/src/admin/form/ColumnsEditor.tsx')).toBeGreaterThan(4);
    expect(count('renderer/src/admin/workflow/TaskFields.tsx')).toBeGreaterThan(5);
    expect(count('renderer/src/admin/settings/SettingsTab.tsx')).toBeGreaterThan(8);
  });

  it('every label of a setting has a Help next to it', () => {
    expect(files.flatMap((f) => labelsWithoutHelp(f).missing)).toEqual([]);
  });
});
