// Which optional endpoints this server has, read once from its OpenAPI document. Features built
// by others (prints, Excel import, publicity objections, exports) appear in the renderer only
// when the server answers them; a route's body schema can even draw its form.
import { api } from './client';
import type { JsonSchema } from './model';

type Op = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
let doc: Promise<Map<string, Op>> | undefined;

const norm = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}')}`;

function load(): Promise<Map<string, Op>> {
  doc ??= api.get<{ paths?: Record<string, Record<string, Op>> }>('/docs/json', { quiet401: true })
    .then((d) => {
      const out = new Map<string, Op>();
      for (const [path, ops] of Object.entries(d?.paths ?? {})) for (const [method, op] of Object.entries(ops)) out.set(norm(method, path), op);
      return out;
    })
    .catch(() => new Map<string, Op>());
  return doc;
}

/** Does the server route `METHOD /api/…/{param}/…`? Parameter names do not matter. */
export async function hasRoute(method: string, path: string): Promise<boolean> {
  return (await load()).has(norm(method, path));
}

/** The JSON body schema a route declares, if any. */
export async function bodySchema(method: string, path: string): Promise<JsonSchema | undefined> {
  return (await load()).get(norm(method, path))?.requestBody?.content?.['application/json']?.schema;
}
