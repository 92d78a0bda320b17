// The helpers and partials a print template calls by name. Handlebars compiles a template that
// names a helper or partial nobody registered and fails only when it is printed; lint checks the
// names against the engine's helpers and the shared partials, so an admin's definition naming one
// that does not exist is refused at publish, with the template and line.
import Handlebars from 'handlebars';

/** Helpers Handlebars itself provides. */
const BUILT_IN = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

type Node = {
  type?: string; loc?: { start?: { line?: number } }; params?: unknown[]; hash?: unknown;
  path?: { type?: string; original?: string }; name?: { type?: string; original?: string };
};

/** Messages for every helper or partial the template names that is not known (empty when all are). */
export function unknownTemplateNames(src: string, helpers: string[], partials: string[]): string[] {
  const knownHelpers = new Set([...BUILT_IN, ...helpers]);
  const knownPartials = new Set(partials);
  const problems: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const n = value as Node;
    const line = n.loc?.start?.line ?? 0;
    // A mustache or block with arguments, and every sub-expression, is a helper call; without
    // arguments `{{name}}` may be a field, which strict mode checks when printing.
    const call = n.type === 'SubExpression' || ((n.type === 'MustacheStatement' || n.type === 'BlockStatement') && (n.params?.length || n.hash));
    if (call && n.path?.type === 'PathExpression' && !knownHelpers.has(n.path.original ?? '')) {
      problems.push(`unknown helper "${n.path.original}" (line ${line})`);
    }
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.name?.type === 'PathExpression') {
      const name = n.name.original ?? '';
      if (!name.startsWith('@') && !knownPartials.has(name)) problems.push(`unknown partial "${name}" (line ${line})`);
    }
    for (const [k, v] of Object.entries(value)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(Handlebars.parse(src));
  return problems;
}
