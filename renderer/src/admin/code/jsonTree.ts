// Reading the JSON syntax tree (Lezer, from @codemirror/lang-json): the JSON pointer of the place
// under the cursor (for completion), the text range of a JSON pointer (to mark the engine's lint
// problems in place), and where a parse fails, as line and column.
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode, Tree } from '@lezer/common';

const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

function unquote(state: EditorState, node: SyntaxNode): string {
  const raw = state.sliceDoc(node.from, node.to);
  try { return JSON.parse(raw) as string; } catch { return raw.replace(/^"|"$/g, ''); }
}

/** Segments from the root to the given value node (property names and array indexes). */
export function pathOf(state: EditorState, node: SyntaxNode | null): string[] {
  const out: string[] = [];
  for (let n = node; n && n.parent; n = n.parent) {
    const parent = n.parent;
    if (parent.name === 'Property' && n.name !== 'PropertyName') {
      const key = parent.getChild('PropertyName');
      if (key) out.unshift(unquote(state, key));
    } else if (parent.name === 'Array' && VALUE_NODES.has(n.name)) {
      let i = 0;
      for (let c = parent.firstChild; c && c.from < n.from; c = c.nextSibling) if (VALUE_NODES.has(c.name)) i++;
      out.unshift(String(i));
    }
  }
  return out;
}

/** The [from, to] of the value (or, for a missing key, of its object) at a JSON pointer's segments. */
export function rangeOf(state: EditorState, tree: Tree, segs: string[]): { from: number; to: number } | null {
  let node: SyntaxNode | null = tree.topNode.firstChild;
  while (node && !VALUE_NODES.has(node.name)) node = node.nextSibling;
  if (!node) return null;
  for (const seg of segs) {
    let next: SyntaxNode | null = null;
    if (node.name === 'Object') {
      for (let p: SyntaxNode | null = node.firstChild; p; p = p.nextSibling) {
        if (p.name !== 'Property') continue;
        const key = p.getChild('PropertyName');
        if (key && unquote(state, key) === seg) {
          next = p.lastChild && VALUE_NODES.has(p.lastChild.name) ? p.lastChild : key;
          break;
        }
      }
    } else if (node.name === 'Array' && /^\d+$/.test(seg)) {
      let i = 0;
      for (let c: SyntaxNode | null = node.firstChild; c; c = c.nextSibling) if (VALUE_NODES.has(c.name) && i++ === Number(seg)) { next = c; break; }
    }
    if (!next) break;
    node = next;
  }
  // A whole object or array: mark its first line only (the opening of it), not pages of text.
  if (node.name === 'Object' || node.name === 'Array') {
    const line = state.doc.lineAt(node.from);
    const parent = node.parent?.name === 'Property' ? node.parent : node;
    return { from: parent.from, to: Math.min(line.to, node.to) };
  }
  const parent = node.name === 'PropertyName' ? node.parent ?? node : node.parent?.name === 'Property' ? node.parent : node;
  return { from: parent.from, to: parent.to };
}

export interface ParseProblem { line: number; column: number; pos: number; message: string }

/** JSON.parse's verdict with a line and column (from V8's position, or the first syntax error node). */
export function parseProblem(text: string, state?: EditorState, tree?: Tree): ParseProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const message = (e as Error).message;
    let pos = -1;
    const m = /at position (\d+)/.exec(message) ?? /position (\d+)/.exec(message);
    if (m) pos = Number(m[1]);
    else if (tree) tree.iterate({ enter: (n) => { if (pos < 0 && n.type.isError) pos = n.from; return pos < 0; } });
    if (pos < 0) pos = text.length;
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    void state;
    return { line, column, pos, message: zhParseMessage(message) };
  }
}

function zhParseMessage(message: string): string {
  if (/Unexpected end of JSON input/.test(message)) return '内容不完整（缺少结尾的括号或引号）';
  if (/Expected ',' or '}'/.test(message)) return '缺少逗号或右花括号 }';
  if (/Expected ',' or ']'/.test(message)) return '缺少逗号或右方括号 ]';
  if (/Expected double-quoted property name/.test(message)) return '属性名须用双引号括起（或多了一个逗号）';
  if (/Unexpected token/.test(message)) return '此处有不应出现的字符';
  if (/Bad control character/.test(message)) return '字符串中含有换行等控制字符';
  if (/Unterminated string/.test(message)) return '字符串缺少结尾的双引号';
  return message;
}
