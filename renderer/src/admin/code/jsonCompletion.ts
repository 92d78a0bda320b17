// Completion in the JSON editors from a small hint schema: the property names allowed where the
// cursor is (with a Chinese description), and the values a property takes — the engine's roles,
// scopes, decision forms, actions and guards by name, the workflow's own state names as targets.
import { snippetCompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { SyntaxNode } from '@lezer/common';
import { pathOf } from './jsonTree';

export interface Hint {
  title?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  properties?: Record<string, Hint>;
  /** Any other key (e.g. field names, state names, event names). */
  additional?: Hint;
  items?: Hint;
  values?: Array<{ value: unknown; title?: string }>;
  /** A definition by name (recursive schemas). */
  ref?: string;
}

export interface HintSchema { root: Hint; defs?: Record<string, Hint> }

const deref = (s: HintSchema, h: Hint | undefined): Hint | undefined => (h?.ref ? s.defs?.[h.ref] : h);

export function hintAt(schema: HintSchema, segs: string[]): Hint | undefined {
  let h = deref(schema, schema.root);
  for (const seg of segs) {
    if (!h) return undefined;
    h = deref(schema, h.properties?.[seg] ?? (/^\d+$/.test(seg) && h.items ? h.items : h.additional));
  }
  return h;
}

function keyOptions(schema: HintSchema, hint: Hint | undefined, present: Set<string>): Completion[] {
  return Object.entries(hint?.properties ?? {}).filter(([k]) => !present.has(k)).map(([k, sub]) => {
    const t = deref(schema, sub)?.type;
    const value = t === 'object' ? '{${}}' : t === 'array' ? '[${}]' : t === 'string' ? '"${}"' : '${}';
    return snippetCompletion(`"${k}": ${value}`, { label: k, detail: sub.title ?? deref(schema, sub)?.title, type: 'property' });
  });
}

function valueOptions(schema: HintSchema, hint: Hint | undefined): Completion[] {
  const h = deref(schema, hint);
  const values = h?.values ?? (h?.type === 'boolean' ? [{ value: true, title: '是' }, { value: false, title: '否' }] : []);
  return values.map((v) => ({ label: JSON.stringify(v.value), detail: v.title, type: 'constant' }));
}

function presentKeys(ctx: CompletionContext, object: SyntaxNode | null): Set<string> {
  const out = new Set<string>();
  for (let p = object?.firstChild; p; p = p.nextSibling) {
    const key = p.name === 'Property' ? p.getChild('PropertyName') : null;
    if (key) { try { out.add(JSON.parse(ctx.state.sliceDoc(key.from, key.to))); } catch { /* being typed */ } }
  }
  return out;
}

export function hintCompletion(getSchema: () => HintSchema | undefined): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    const schema = getSchema();
    if (!schema) return null;
    const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
    // A property name being typed: "ro|"
    if (node.name === 'PropertyName') {
      const object = node.parent?.parent ?? null;
      const options = keyOptions(schema, hintAt(schema, pathOf(ctx.state, object)), presentKeys(ctx, object));
      const end = ctx.state.sliceDoc(node.to, node.to + 1) === ':' ? node.to : node.to;
      return options.length ? { from: node.from, to: end, options, validFor: /^"?[\w:$-]*"?$/ } : null;
    }
    // A string value being typed: "role": "cl|"
    if (node.name === 'String' && node.parent?.name === 'Property') {
      const options = valueOptions(schema, hintAt(schema, pathOf(ctx.state, node)));
      return options.length ? { from: node.from, to: node.to, options, validFor: /^"?[^"]*"?$/ } : null;
    }
    // After a colon, nothing typed yet: "role": |
    if (node.name === 'Property') {
      const key = node.getChild('PropertyName');
      if (key) {
        let segs: string[];
        try { segs = [...pathOf(ctx.state, node.parent), JSON.parse(ctx.state.sliceDoc(key.from, key.to)) as string]; } catch { return null; }
        const options = valueOptions(schema, hintAt(schema, segs));
        return options.length ? { from: ctx.pos, options } : null;
      }
    }
    // Between properties of an object: offer its keys (typed quote or Ctrl-Space).
    if (node.name === 'Object' || (node.type.isError && node.parent?.name === 'Object')) {
      const object = node.name === 'Object' ? node : node.parent!;
      const word = ctx.matchBefore(/"?[\w:$-]*/);
      if (!ctx.explicit && (!word || word.from === word.to)) return null;
      const options = keyOptions(schema, hintAt(schema, pathOf(ctx.state, object)), presentKeys(ctx, object));
      return options.length ? { from: word?.from ?? ctx.pos, options } : null;
    }
    if (node.name === 'Array') {
      const options = valueOptions(schema, hintAt(schema, [...pathOf(ctx.state, node), '0']));
      return options.length ? { from: ctx.pos, options } : null;
    }
    return null;
  };
}
