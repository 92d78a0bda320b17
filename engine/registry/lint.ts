// Checks a type definition before it is stored or published: the form is a valid JSON Schema with a
// valid example, the workflow a valid XState config whose every name is in the vocabulary, every
// task names a known role and decision form, every state is reachable and every non-final state
// has a way out. Problems name the file and the JSON path; nothing here throws for bad input.
import type Ajv from 'ajv';
import Handlebars from 'handlebars';
import { ACTIONS, GUARDS, ROLES, RULES, SCOPES } from './vocabulary.js';
import { buildMachine } from './machine.js';
import { isDataDelay, parseDuration } from './durations.js';
import type { DefinitionProblem, TaskDef, TypeBundle } from './types.js';
import { settingsMetaSchema } from './meta-schema.js';
import { unknownTemplateNames } from './template-names.js';
import { lintForm } from './lint-form.js';
import { selfTestForm } from './self-test.js';

type Node = Record<string, unknown>;
export interface LintContext {
  ajv: Ajv;
  decisionForms: Record<string, object>;
  registers: Record<string, unknown>;
  files?: Partial<Record<'schema' | 'uiSchema' | 'workflow' | 'settings', string>> & { prints?: Record<string, string> };
  /** The helpers print templates may call and the shared partials they may include; unchecked when absent. */
  printHelpers?: string[];
  partials?: string[];
  /** Run the form self-test (self-test.ts): on what administrators save and publish. */
  selfTest?: boolean;
}

interface StateInfo { path: string[]; jsonPath: string; node: Node; parent?: StateInfo; children: StateInfo[] }

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function lintBundle(bundle: TypeBundle, ctx: LintContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const file = (part: 'schema' | 'uiSchema' | 'workflow' | 'settings') => ctx.files?.[part] ?? `${bundle.id}#${part}`;
  const add = (part: 'schema' | 'uiSchema' | 'workflow' | 'settings', path: string, message: string) =>
    problems.push({ file: file(part), path: path || '/', message });

  if (!/^[a-z][a-z0-9-]{1,62}$/.test(bundle.id)) add('settings', '', `type id "${bundle.id}" must be kebab-case`);

  // Settings
  const settingsOk = ctx.ajv.validate(settingsMetaSchema, bundle.settings);
  if (!settingsOk) for (const e of ctx.ajv.errors ?? []) add('settings', e.instancePath, e.message ?? 'invalid');
  const settings = bundle.settings ?? ({} as TypeBundle['settings']);
  for (const [i, r] of (settings.starters ?? []).entries()) if (!(r in ROLES)) add('settings', `/starters/${i}`, `unknown role "${r}"`);
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

  lintWorkflow(bundle, ctx, (path, msg) => add('workflow', path, msg));
  if (problems.some((p) => p.file === file('workflow'))) return problems;
  try {
    buildMachine(bundle);
  } catch (err) {
    add('workflow', '', `not a valid XState machine: ${(err as Error).message}`);
  }
  return problems;
}

function collectStates(workflow: Node): StateInfo[] {
  const all: StateInfo[] = [];
  const walk = (node: Node, path: string[], jsonPath: string, parent?: StateInfo) => {
    const info: StateInfo = { path, jsonPath, node, parent, children: [] };
    all.push(info);
    parent?.children.push(info);
    if (isObj(node.states)) {
      for (const [key, child] of Object.entries(node.states)) {
        walk(isObj(child) ? child : {}, [...path, key], `${jsonPath}/states/${esc(key)}`, info);
      }
    }
  };
  walk(workflow, [], '');
  return all;
}

function lintWorkflow(bundle: TypeBundle, ctx: LintContext, add: (path: string, msg: string) => void) {
  const wf = bundle.workflow as unknown as Node;
  if (!isObj(wf) || !isObj(wf.states)) return add('', 'the workflow needs "states"');
  const states = collectStates(wf);
  const byPath = new Map(states.map((s) => [s.path.join('.'), s]));
  const byId = new Map(states.filter((s) => typeof s.node.id === 'string').map((s) => [s.node.id as string, s]));
  const delays = bundle.settings?.delays ?? {};

  const resolve = (from: StateInfo, target: string): StateInfo | undefined => {
    if (target.startsWith('#')) {
      const [id, ...rest] = target.slice(1).split('.');
      const base = id === (wf.id ?? bundle.id) ? states[0] : byId.get(id);
      return base && byPath.get([...base.path, ...rest].filter(Boolean).join('.'));
    }
    if (target.startsWith('.')) return byPath.get([...from.path, ...target.slice(1).split('.')].join('.'));
    const siblingBase = from.parent ? from.parent.path : [];
    return byPath.get([...siblingBase, ...target.split('.')].join('.'));
  };

  const edges = new Map<StateInfo, StateInfo[]>();
  const checkNamed = (value: unknown, path: string, kind: 'action' | 'guard') => {
    const list = kind === 'action' ? (Array.isArray(value) ? value : [value]) : [value];
    list.forEach((item, i) => {
      const p = kind === 'action' && Array.isArray(value) ? `${path}/${i}` : path;
      const name = typeof item === 'string' ? item : isObj(item) ? item.type : undefined;
      const vocab = kind === 'action' ? ACTIONS : GUARDS;
      if (typeof name !== 'string' || !vocab[name]) return add(p, `unknown ${kind} "${String(name)}"`);
      const params = isObj(item) ? item.params ?? {} : {};
      if (!ctx.ajv.validate(vocab[name].params, params)) add(`${p}/params`, ctx.ajv.errorsText(ctx.ajv.errors));
      if ((name === 'registerEntry' || name === 'retireEntries' || name === 'keepEntry') && isObj(params) && !(String(params.register) in ctx.registers)) {
        add(`${p}/params/register`, `unknown register "${String(params.register)}"`);
      }
    });
  };
  const checkTransitions = (s: StateInfo, list: unknown, path: string) => {
    const arr = Array.isArray(list) ? list : [list];
    arr.forEach((t, i) => {
      const p = Array.isArray(list) ? `${path}/${i}` : path;
      const tr = typeof t === 'string' ? { target: t } : isObj(t) ? t : null;
      if (!tr) return add(p, 'a transition must be a target string or an object');
      const targets = tr.target === undefined ? [] : Array.isArray(tr.target) ? tr.target : [tr.target];
      for (const target of targets) {
        const resolved = typeof target === 'string' ? resolve(s, target) : undefined;
        if (!resolved) add(`${p}/target`, `unknown target state "${String(target)}"`);
        else edges.set(s, [...(edges.get(s) ?? []), resolved]);
      }
      if (tr.actions !== undefined) checkNamed(tr.actions, `${p}/actions`, 'action');
      if (tr.guard !== undefined) checkNamed(tr.guard, `${p}/guard`, 'guard');
    });
  };

  for (const s of states) {
    const { node, jsonPath } = s;
    if (isObj(node.states) && s.node.type !== 'parallel' && !(typeof node.initial === 'string' && node.initial in node.states)) {
      add(`${jsonPath}/initial`, `initial state "${String(node.initial)}" does not exist`);
    }
    for (const k of ['entry', 'exit'] as const) if (node[k] !== undefined) checkNamed(node[k], `${jsonPath}/${k}`, 'action');
    if (node.invoke !== undefined) add(`${jsonPath}/invoke`, 'invoked actors are not part of the vocabulary');
    if (isObj(node.on)) for (const [ev, t] of Object.entries(node.on)) checkTransitions(s, t, `${jsonPath}/on/${esc(ev)}`);
    if (node.always !== undefined) checkTransitions(s, node.always, `${jsonPath}/always`);
    if (isObj(node.after)) {
      for (const [delay, t] of Object.entries(node.after)) {
        if (!/^\d+$/.test(delay) && !(delay in delays)) add(`${jsonPath}/after/${esc(delay)}`, `unknown delay "${delay}" (declare it in settings.delays)`);
        checkTransitions(s, t, `${jsonPath}/after/${esc(delay)}`);
      }
    }
    lintTasks(s, ctx, add, delays);
  }

  // Reachability: entering a state enters its ancestors and its initial (or, parallel, all) children.
  const reached = new Set<StateInfo>();
  const enter = (s: StateInfo) => {
    for (let a: StateInfo | undefined = s; a && !reached.has(a); a = a.parent) reached.add(a);
    if (s.node.type === 'parallel') s.children.forEach((c) => !reached.has(c) && visit(c));
    else if (typeof s.node.initial === 'string') {
      const child = s.children.find((c) => c.path[c.path.length - 1] === s.node.initial);
      if (child && !reached.has(child)) visit(child);
    }
  };
  const visit = (s: StateInfo) => {
    enter(s);
    for (let a: StateInfo | undefined = s; a; a = a.parent) for (const t of edges.get(a) ?? []) if (!reached.has(t)) visit(t);
    for (const c of s.children) if (reached.has(c)) for (const t of edges.get(c) ?? []) if (!reached.has(t)) visit(t);
  };
  visit(states[0]);
  for (const s of states.slice(1)) if (!reached.has(s)) add(s.jsonPath, `state "${s.path.join('.')}" can never be reached`);

  // Dead ends: an atomic, non-final state needs a way out (its own or an ancestor's transition),
  // unless it is a region of a parallel state that completes through onDone.
  for (const s of states.slice(1)) {
    if (s.children.length > 0 || s.node.type === 'final') continue;
    let hasExit = false;
    for (let a: StateInfo | undefined = s; a && !hasExit; a = a.parent) hasExit = (edges.get(a)?.length ?? 0) > 0;
    if (!hasExit) add(s.jsonPath, `state "${s.path.join('.')}" is not final and has no way out`);
  }
}

function lintTasks(s: StateInfo, ctx: LintContext, add: (path: string, msg: string) => void, delays: Record<string, unknown>) {
  const meta = s.node.meta;
  if (meta === undefined) return;
  if (!isObj(meta)) return add(`${s.jsonPath}/meta`, 'meta must be an object');
  if (meta.tasks === undefined) return;
  if (!Array.isArray(meta.tasks)) return add(`${s.jsonPath}/meta/tasks`, 'tasks must be an array');
  const handled = new Set<string>();
  for (let a: StateInfo | undefined = s; a; a = a.parent) if (isObj(a.node.on)) Object.keys(a.node.on).forEach((e) => handled.add(e));
  (meta.tasks as TaskDef[]).forEach((task, i) => {
    const p = `${s.jsonPath}/meta/tasks/${i}`;
    if (!isObj(task)) return add(p, 'a task must be an object');
    if (typeof task.name !== 'string' || !task.name) add(`${p}/name`, 'a task needs a name');
    if (typeof task.title !== 'string' || !task.title) add(`${p}/title`, 'a task needs a title');
    if (!task.role) add(`${p}/role`, 'a task needs a role');
    else if (!(task.role in ROLES)) add(`${p}/role`, `unknown role "${task.role}"`);
    if (!(task.scope in SCOPES)) add(`${p}/scope`, `unknown scope "${String(task.scope)}"`);
    if (task.due !== undefined && !(task.due in delays) && parseDuration(task.due) === null) add(`${p}/due`, `"${task.due}" is not a duration or a delay name`);
    if (!isObj(task.events) || Object.keys(task.events).length === 0) return add(`${p}/events`, 'a task needs at least one event');
    for (const [ev, def] of Object.entries(task.events)) {
      const ep = `${p}/events/${esc(ev)}`;
      if (!handled.has(ev)) add(ep, `event "${ev}" is not handled in this state`);
      if (!isObj(def) || typeof def.title !== 'string') add(ep, 'an event needs a title');
      else if (def.form !== undefined && !(def.form in ctx.decisionForms)) add(`${ep}/form`, `unknown decision form "${def.form}"`);
    }
  });
}
