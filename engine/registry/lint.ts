// Checks a type definition before it is stored or published: settings, the form (a valid JSON
// Schema with a valid example), the prints, and the workflow (lint-workflow.ts), which must also
// build as an XState machine. Problems name the file and the JSON path; nothing here throws for
// bad input.
import type Ajv from 'ajv';
import Handlebars from 'handlebars';
import { RULES, taskRoles } from './vocabulary.js';
import { lintWorkflow } from './lint-workflow.js';
import { buildMachine } from './machine.js';
import { isDataDelay, parseDuration } from './durations.js';
import type { DefinitionProblem, Roles, TypeBundle, WorkflowFix } from './types.js';
import { settingsMetaSchema } from './meta-schema.js';
import { unknownTemplateNames } from './template-names.js';
import { lintForm } from './lint-form.js';
import { selfTestForm } from './self-test.js';

type Node = Record<string, unknown>;
export interface LintContext {
  ajv: Ajv;
  decisionForms: Record<string, object>;
  registers: Record<string, unknown>;
  /** The installation's roles (roles/*.json): starters and task roles must name one. */
  roles: Roles;
  files?: Partial<Record<'schema' | 'uiSchema' | 'workflow' | 'settings', string>> & { prints?: Record<string, string> };
  /** The helpers print templates may call and the shared partials they may include; unchecked when absent. */
  printHelpers?: string[];
  partials?: string[];
  /** Run the form self-test (self-test.ts): on what administrators publish or import, and in the console's check before. */
  selfTest?: boolean;
}

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function lintBundle(bundle: TypeBundle, ctx: LintContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const file = (part: 'schema' | 'uiSchema' | 'workflow' | 'settings') => ctx.files?.[part] ?? `${bundle.id}#${part}`;
  const add = (part: 'schema' | 'uiSchema' | 'workflow' | 'settings', path: string, message: string, fix?: WorkflowFix) =>
    problems.push({ file: file(part), path: path || '/', message, ...(fix ? { fix } : {}) });

  if (!/^[a-z][a-z0-9-]{1,62}$/.test(bundle.id)) add('settings', '', `type id "${bundle.id}" must be kebab-case`);

  // Settings
  const settingsOk = ctx.ajv.validate(settingsMetaSchema, bundle.settings);
  if (!settingsOk) for (const e of ctx.ajv.errors ?? []) add('settings', e.instancePath, e.message ?? 'invalid');
  const settings = bundle.settings ?? ({} as TypeBundle['settings']);
  const roles = taskRoles(ctx.roles);
  for (const [i, r] of (settings.starters ?? []).entries()) if (!(r in roles)) add('settings', `/starters/${i}`, `unknown role "${r}"`);
  for (const [target, source] of Object.entries(settings.prefill?.org ?? {})) {
    if (typeof source !== 'object') continue;
    for (const [i, r] of (source.roles ?? []).entries()) if (!(r in roles)) add('settings', `/prefill/org/${esc(target)}/roles/${i}`, `unknown role "${r}"`);
  }
  if (settings.registration && !(settings.registration.role in ctx.roles)) add('settings', '/registration/role', `unknown role "${settings.registration.role}"`);
  for (const [i, rule] of (settings.rules ?? []).entries()) {
    const def = RULES[rule.rule];
    if (!def) { add('settings', `/rules/${i}/rule`, `unknown rule "${rule.rule}"`); continue; }
    if (!ctx.ajv.validate(def.params, rule.params ?? {})) add('settings', `/rules/${i}/params`, ctx.ajv.errorsText(ctx.ajv.errors));
  }
  for (const [name, d] of Object.entries(settings.delays ?? {})) {
    const ok = isDataDelay(d) ? d.default === undefined || parseDuration(d.default) !== null : parseDuration(d) !== null;
    if (!ok) add('settings', `/delays/${esc(name)}`, `"${JSON.stringify(d)}" is not a duration (ms, ISO 8601 like P7D, or { fromData, unit, default })`);
  }
  for (const [target, f] of Object.entries(settings.fillFromRegister ?? {})) {
    if (isObj(f) && !(String(f.register) in ctx.registers)) add('settings', `/fillFromRegister/${esc(target)}/register`, `unknown register "${String(f.register)}"`);
  }
  if (settings.objectionForm !== undefined && !(settings.objectionForm in ctx.decisionForms)) {
    add('settings', '/objectionForm', `unknown decision form "${settings.objectionForm}"`);
  }
  for (const [i, rule] of (settings.rules ?? []).entries()) {
    const register = rule.rule === 'rowsMatchRegister' ? rule.params?.register : undefined;
    if (typeof register === 'string' && !(register in ctx.registers)) add('settings', `/rules/${i}/params/register`, `unknown register "${register}"`);
  }

  // Form
  const schema = bundle.schema;
  if (!isObj(schema)) add('schema', '', 'the form schema must be an object');
  else if (!ctx.ajv.validateSchema(schema)) add('schema', '', `not a valid JSON Schema: ${ctx.ajv.errorsText(ctx.ajv.errors)}`);
  else {
    lintForm(schema, bundle.uiSchema, add);
    try {
      const validate = ctx.ajv.compile(schema);
      const examples = schema.examples;
      if (!Array.isArray(examples) || examples.length === 0) add('schema', '/examples', 'at least one complete example is required');
      else if (!validate(examples[0])) {
        const e = validate.errors?.[0];
        add('schema', `/examples/0${e?.instancePath ?? ''}`, `the example is not valid: ${e?.message ?? ''}`);
      } else if (ctx.selfTest && !problems.some((p) => p.file === file('schema') || p.file === file('uiSchema'))) {
        for (const d of selfTestForm(ctx.ajv, schema).differences.slice(0, 3)) {
          add('schema', d.field, `自检（第 ${d.sample + 1} 组样例数据）：${d.message}；请简化该处的定义`);
        }
      }
    } catch (err) {
      add('schema', '', `the schema does not compile: ${(err as Error).message}`);
    }
  }
  if (!isObj(bundle.uiSchema)) add('uiSchema', '', 'the uiSchema must be an object');

  // Prints
  for (const [name, src] of Object.entries(bundle.prints ?? {})) {
    try {
      Handlebars.precompile(src, { strict: true });
      if (ctx.printHelpers) {
        for (const message of unknownTemplateNames(src, ctx.printHelpers, ctx.partials ?? [])) {
          problems.push({ file: ctx.files?.prints?.[name] ?? `${bundle.id}#prints/${name}`, path: '/', message });
        }
      }
    } catch (err) {
      problems.push({ file: ctx.files?.prints?.[name] ?? `${bundle.id}#prints/${name}`, path: '/', message: `template error: ${(err as Error).message}` });
    }
  }

  lintWorkflow(bundle, ctx, (path, msg, fix) => add('workflow', path, msg, fix));
  if (problems.some((p) => p.file === file('workflow'))) return problems;
  try {
    buildMachine(bundle);
  } catch (err) {
    add('workflow', '', `not a valid XState machine: ${(err as Error).message}`);
  }
  return problems;
}
