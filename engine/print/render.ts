// Print templates to HTML: one isolated Handlebars environment per set of shared partials, with
// the pure helpers registered by name; each template compiled once per immutable type version, in
// strict mode (a field the template names must exist) with escaping on, so whatever an applicant
// typed — `<script>` or `{{x}}` — prints as text.
import Handlebars from 'handlebars';
import { AppError } from '../errors.js';
import type { TypeVersionDef } from '../registry/index.js';
import { HELPERS } from './helpers.js';
import { printDocument } from './document.js';

type Env = typeof Handlebars;
const envs = new WeakMap<Record<string, string>, Env>();
const compiled = new WeakMap<TypeVersionDef, Map<string, Handlebars.TemplateDelegate>>();

const COMPILE: CompileOptions = { strict: true, noEscape: false };

function envFor(partials: Record<string, string>): Env {
  let env = envs.get(partials);
  if (!env) {
    env = Handlebars.create();
    for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);
    for (const [name, src] of Object.entries(partials)) env.registerPartial(name, env.compile(src, COMPILE));
    envs.set(partials, env);
  }
  return env;
}

function templateOf(env: Env, def: TypeVersionDef, name: string): Handlebars.TemplateDelegate {
  let byName = compiled.get(def);
  if (!byName) compiled.set(def, (byName = new Map()));
  let t = byName.get(name);
  if (!t) {
    const src = def.prints[name];
    if (src === undefined) throw new AppError('NOT_FOUND', { what: `打印模板「${name}」` });
    t = env.compile(src, COMPILE);
    byName.set(name, t);
  }
  return t;
}

/** Renders one print of a type as a whole HTML document. */
export function renderPrint(def: TypeVersionDef, name: string, partials: Record<string, string>, context: Record<string, unknown>, title: string): string {
  const env = envFor(partials);
  const template = templateOf(env, def, name);
  let body: string;
  try {
    // Prototype properties stay unreachable ({{constructor}} prints nothing), as Handlebars defaults.
    body = template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (err) {
    throw new AppError('PRINT_TEMPLATE_ERROR', { name: `${def.id}.${name}`, reason: (err as Error).message.slice(0, 300) });
  }
  return printDocument(title, body);
}

/** Compiles every print of a type (for tests and lint-like checks): the first failure throws. */
export function compilePrints(def: TypeVersionDef, partials: Record<string, string>): string[] {
  const env = envFor(partials);
  return Object.keys(def.prints).map((name) => { templateOf(env, def, name); return name; });
}
