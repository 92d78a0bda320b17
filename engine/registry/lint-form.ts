// The form half of the definition check: what it passes, the renderer can draw and the server can
// store. Every `ui:widget`, `ui:field` and `format` is resolved against the shared manifest
// (engine/shared/form-manifest.ts) that the renderer's registry is typed against; widget names
// go through rjsf's own getWidget, so "select" on a string or "updown" on a number resolve as
// they will in the browser. Messages are for administrators, in Chinese, with the JSON path.
import * as rjsfUtils from '@rjsf/utils';
import { schemasAt } from '../validation/index.js';
import {
  ATTACHMENT_TYPES, FIELD_NAMES, FORMATS, REFUSED_FORMATS, WIDGET_NAMES, ENUM_TITLE_KEYS, enumOptionTitle,
} from '../shared/form-manifest.js';

type Node = Record<string, unknown>;
export type FormPart = 'schema' | 'uiSchema';
export type AddFormProblem = (part: FormPart, path: string, message: string) => void;

const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Node's ESM loader sees only the default export of @rjsf/utils' CommonJS build (vitest sees names).
const { getWidget } = ('getWidget' in rjsfUtils ? rjsfUtils : (rjsfUtils as unknown as { default: typeof rjsfUtils }).default);

// Stand-ins for the renderer's components: getWidget only needs to find something by name.
const Stub = () => null;
const STUB_WIDGETS = Object.fromEntries(WIDGET_NAMES.map((n) => [n, Stub]));

// Subschema keywords of draft-07: maps of schemas, single schemas and lists of schemas.
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
const SCHEMA_ONE = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SCHEMA_LIST = ['items', 'allOf', 'anyOf', 'oneOf'];

/** Checks a form definition (schema and uiSchema); the schema is known to be valid draft-07. */
export function lintForm(schema: Node, uiSchema: unknown, add: AddFormProblem): void {
  if (schema.type !== 'object') {
    add('schema', '/type', `表单的根节点应为对象（"type": "object"）：业务单的数据是一组字段，根节点为${describeType(schema.type)}的表单无法保存`);
  }
  walkSchema(schema, '', (s, path) => {
    if (typeof s.format === 'string') {
      const f = s.format;
      if (Object.hasOwn(REFUSED_FORMATS, f)) add('schema', `${path}/format`, `格式 "${f}"：${REFUSED_FORMATS[f]}`);
      else if (!FORMATS.includes(f)) add('schema', `${path}/format`, `格式 "${f}" 不受支持，浏览器和服务器都无法校验；可用的格式：${FORMATS.join('、')}`);
    }
    if (Array.isArray(s.enum)) {
      s.enum.forEach((v, i) => {
        if (enumOptionTitle(v) === undefined) {
          add('schema', `${path}/enum/${i}`, `第 ${i + 1} 个选项是${Array.isArray(v) ? '列表' : '对象'}，需要用 ${ENUM_TITLE_KEYS.join('、')} 之一给出显示名称`);
        }
      });
    }
  });
  if (isObj(uiSchema)) walkUi(schema, uiSchema, '', [], add);
}

function describeType(t: unknown): string {
  const names: Record<string, string> = { string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', null: '空值' };
  if (t === undefined) return '未指定类型';
  return (Array.isArray(t) ? t : [t]).map((x) => names[String(x)] ?? String(x)).join('或');
}

function walkSchema(s: unknown, path: string, visit: (s: Node, path: string) => void): void {
  if (!isObj(s)) return;
  visit(s, path);
  for (const k of SCHEMA_MAPS) {
    if (isObj(s[k])) for (const [name, sub] of Object.entries(s[k] as Node)) walkSchema(sub, `${path}/${k}/${esc(name)}`, visit);
  }
  for (const k of SCHEMA_ONE) if (isObj(s[k])) walkSchema(s[k], `${path}/${k}`, visit);
  for (const k of SCHEMA_LIST) {
    const list = s[k];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, `${path}/${k}/${i}`, visit));
  }
}

/** The schema rjsf will draw at a data path: the first applicable subschema with a type. */
function schemaAt(root: Node, segs: string[]): Node {
  const all = schemasAt(root, segs);
  return all.find((s) => s.type !== undefined) ?? all[0] ?? {};
}

function walkUi(root: Node, ui: Node, path: string, segs: string[], add: AddFormProblem): void {
  const options = isObj(ui['ui:options']) ? ui['ui:options'] : {};
  const at = (key: string) => (key in ui ? `${path}/${esc(key)}` : `${path}/ui:options/${esc(key.slice(3))}`);
  const where = segs.length ? `字段 ${segs.join('.')} ` : '';

  const widget = ui['ui:widget'] ?? options.widget;
  if (widget !== undefined) {
    if (typeof widget !== 'string') add('uiSchema', at('ui:widget'), `${where}的控件应写作名称（文本）`);
    else {
      try {
        getWidget(schemaAt(root, segs) as never, widget, STUB_WIDGETS as never);
      } catch {
        add('uiSchema', at('ui:widget'), `${where}的控件 "${widget}" 不存在或不适用于该字段的类型；平台提供的控件：${WIDGET_NAMES.join('、')}`);
      }
    }
  }
  const field = ui['ui:field'] ?? options.field;
  if (field !== undefined && (typeof field !== 'string' || !FIELD_NAMES.includes(field))) {
    add('uiSchema', at('ui:field'), `${where}的字段组件 "${String(field)}" 不存在，申请人将看到空白表单；平台提供的字段组件：${FIELD_NAMES.join('、')}`);
  }
  // Options the platform's widgets read (forms/templates/misc.tsx, forms/widgets/FilesWidget.tsx).
  if ('unit' in options && typeof options.unit !== 'string') add('uiSchema', at('ui:unit'), `${where}的单位应写作文本，如 "平方米"`);
  if ('accept' in options && !(Array.isArray(options.accept) && options.accept.every((a) => typeof a === 'string' && a in ATTACHMENT_TYPES))) {
    add('uiSchema', at('ui:accept'), `${where}允许的文件类型应为以下几项的列表：${Object.keys(ATTACHMENT_TYPES).join('、')}`);
  }
  // rjsf takes templates from the uiSchema only as components, which JSON cannot hold.
  for (const key of [...Object.keys(ui), ...Object.keys(options).map((k) => `ui:${k}`)]) {
    if (/^ui:\w*Template$/.test(key) || key === 'ui:template') {
      add('uiSchema', at(key), `${where}不能在界面定义中指定模板（${key.slice(3)}）：模板由平台提供`);
    }
  }

  for (const [key, sub] of Object.entries(ui)) {
    if (key.startsWith('ui:')) continue;
    if (key === 'anyOf' || key === 'oneOf') {
      // Per-branch uiSchemas of a choice: same data path.
      if (Array.isArray(sub)) sub.forEach((b, i) => isObj(b) && walkUi(root, b, `${path}/${key}/${i}`, segs, add));
      continue;
    }
    if (!isObj(sub)) continue;
    const seg = key === 'items' || key === 'additionalItems' ? '0' : key;
    walkUi(root, sub, `${path}/${esc(key)}`, [...segs, seg], add);
  }
}
