// The text a TSX file shows to its users, found statically with the TypeScript parser: JSX text,
// and string or template literals that contain Chinese (the console's users read Chinese, so a
// literal without a Chinese character is an identifier, a class name or a key — not shown text).
// Comments are not nodes of the tree, so they are never read.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ShownText { file: string; line: number; text: string }

const CHINESE = /[\u4e00-\u9fff]/;

/** Every .tsx (and with `ts`, .ts) file under `dir`, recursively, as paths relative to `root`. */
export function tsxFiles(root: string, dir: string, withTs = false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.tsx') || (withTs && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

export function parseTsx(root: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

export function shownText(root: string, file: string): ShownText[] {
  const src = parseTsx(root, file);
  const out: ShownText[] = [];
  const add = (node: ts.Node, text: string) => {
    out.push({ file, line: src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const t = node.text.trim();
      if (t) add(node, t);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)
      || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (CHINESE.test(node.text)) add(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}
