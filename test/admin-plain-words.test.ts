// The console speaks the administrator's language: no text it shows (JSX text, and string literals
// with Chinese in renderer/src/admin) uses the engine's technical words — 效果 is 自动执行的操作,
// 决定表单 is 办理意见表, 校验表单 is 检查全部填写内容, and guard / event / effect / state … never
// appear. The JSON tabs are the exception: the JSON editor itself (admin/code), the labels of its
// editors, and other text naming a JSON tab so the administrator can find it.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { ROOT_DIR } from '../engine/config.js';
import { parseTsx, shownText, tsxFiles, type ShownText } from './helpers/tsx-text.js';

/** Words the console must not show, each with the plain word to use instead. */
const BANNED: Array<[RegExp, string]> = [
  [/效果/, '自动执行的操作 / 办理后自动执行'],
  [/决定表单/, '办理意见表'],
  [/校验表单/, '提交前检查全部填写内容'],
  [/守卫|状态机|事件|参数|引擎|枚举/, '条件 / 流程 / 决定 / 设置 / 可选项'],
  // 动作 is not listed: it is part of 自动作出 (a plain word).
  [/\b(guards?|events?|effects?|actions?|states?|schemas?|uiSchema|XState|rjsf|payload|enum|widget)\b/i, '中文说法'],
  [/JSON/, '（只在 JSON 标签页中出现）'],
];

/** Names of the JSON tabs (other text may point to them) and the JSON editor's own vocabulary. */
const JSON_TAB_NAMES = ['表单定义 JSON', '界面定义 JSON', '流程 JSON（XState）', '流程 JSON', '仅 JSON 编辑'];
/** The simulator's sample data can be edited as JSON: its tab is named so. */
const WHOLE_TEXT_TAB_NAMES = ['JSON'];

/** Lines of the labels of <JsonEditor …> elements: they are shown inside a JSON tab. */
function jsonEditorLabelLines(file: string): Set<number> {
  const src = parseTsx(ROOT_DIR, file);
  const lines = new Set<number>();
  const visit = (n: ts.Node) => {
    if ((ts.isJsxSelfClosingElement(n) || ts.isJsxOpeningElement(n)) && n.tagName.getText(src) === 'JsonEditor') {
      for (const a of n.attributes.properties) {
        if (ts.isJsxAttribute(a) && a.name.getText(src) === 'label' && a.initializer) lines.add(src.getLineAndCharacterOfPosition(a.initializer.getStart(src)).line + 1);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return lines;
}

function offending(t: ShownText): string[] {
  if (WHOLE_TEXT_TAB_NAMES.includes(t.text)) return [];
  const text = JSON_TAB_NAMES.reduce((s, name) => s.split(name).join(''), t.text);
  return BANNED.filter(([re]) => re.test(text)).map(([re, use]) => `${t.file}:${t.line} 「${t.text}」 含 ${re.exec(text)![0]}，应改为：${use}`);
}

describe('管理控制台用管理员的说法', () => {
  const files = tsxFiles(ROOT_DIR, 'renderer/src/admin', true).filter((f) => !f.startsWith('renderer/src/admin/code/'));

  it('the scan reads the console (its editors and their texts)', () => {
    expect(files).toContain('renderer/src/admin/workflow/EffectsEditor.tsx');
    expect(files).toContain('renderer/src/admin/lint.ts');
    const effects = shownText(ROOT_DIR, 'renderer/src/admin/workflow/EffectsEditor.tsx').map((t) => t.text);
    expect(effects).toContain('＋ 添加自动执行的操作');
  });

  it('the banned words are caught where they would be shown', () => {
    const sample = (text: string) => offending({ file: 'x.tsx', line: 1, text });
    expect(sample('＋ 添加效果')).toHaveLength(1);
    expect(sample('（校验表单）')).toHaveLength(1);
    expect(sample('发起后自动执行的 event')).toHaveLength(1);
    expect(sample('请在「表单定义 JSON」中修改')).toEqual([]);
    expect(sample('JSON 格式错误')).toHaveLength(1);
  });

  it('no text shown outside the JSON tabs uses a technical word', () => {
    const found = files.flatMap((file) => {
      const labels = file.endsWith('.tsx') ? jsonEditorLabelLines(file) : new Set<number>();
      return shownText(ROOT_DIR, file).filter((t) => !labels.has(t.line)).flatMap(offending);
    });
    expect(found).toEqual([]);
  });
});
