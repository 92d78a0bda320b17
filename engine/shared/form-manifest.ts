// What the form renderer can draw, in one list that both sides read: the renderer's widget and
// field registries are typed against it (renderer/src/forms/SchemaForm.tsx, so a name added on
// one side and not the other fails the typecheck), and the definition check resolves every
// `ui:widget`, `ui:field` and `format` of a type against it (engine/registry/lint-form.ts).
// Isomorphic: no Node or browser imports, the renderer imports it by relative path.
//
// rjsf's own registry names are listed here because rjsf does not export them as data; a test
// (test/form-manifest.test.ts) compares them with @rjsf/core's getDefaultRegistry() and the
// formats with what the server's Ajv and the browser's validator really know.

/** Widgets rjsf registers by default (getDefaultRegistry().widgets). */
export const RJSF_WIDGETS = [
  'AltDateWidget', 'AltDateTimeWidget', 'CheckboxWidget', 'CheckboxesWidget', 'ColorWidget', 'DateWidget',
  'DateTimeWidget', 'EmailWidget', 'FileWidget', 'HiddenWidget', 'PasswordWidget', 'RadioWidget', 'RangeWidget',
  'SelectWidget', 'TextWidget', 'TextareaWidget', 'TimeWidget', 'UpDownWidget', 'URLWidget',
] as const;

/** The platform's widgets, by registry name, with what they draw (for administrators). */
export const CUSTOM_WIDGETS = {
  district: '区县选择',
  street: '街道选择（跟随同级的区县）',
  files: '附件上传（附件列表）',
  // Replaces rjsf's data-url file input: uploads go to the file store and the value is an attachment id.
  FileWidget: '附件上传',
  registerEntry: '台账条目选择',
  'register-entry': '台账条目选择',
  percent: '百分比',
  DateWidget: '日期选择',
  // Replaces rjsf's select: an empty choice reads 请选择.
  SelectWidget: '下拉选择',
  org: '单位选择',
} as const;
export type CustomWidgetName = keyof typeof CUSTOM_WIDGETS;

/** Fields rjsf registers by default (getDefaultRegistry().fields). */
export const RJSF_FIELDS = [
  'AnyOfField', 'ArrayField', 'BooleanField', 'NumberField', 'ObjectField', 'OneOfField', 'SchemaField', 'StringField', 'NullField',
] as const;

/** The platform's fields, by registry name. */
export const CUSTOM_FIELDS = {
  schemaEditor: '表单定义编辑器',
  schemaFromEntry: '按台账条目生成的表单',
  hiddenEmpty: '隐藏（空的只读部分）',
  table: '可编辑表格',
} as const;
export type CustomFieldName = keyof typeof CUSTOM_FIELDS;

/**
 * ajv-formats' formats that the server's Ajv and @rjsf/validator-ajv8 (an older ajv-formats, plus
 * color and data-url) both know; iso-time and iso-date-time only the server does, so they are out.
 */
export const STANDARD_FORMATS = [
  'date', 'time', 'date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url',
  'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment',
  'relative-json-pointer', 'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary',
] as const;

/** The platform's formats, checked the same way on both sides (engine/validation/codes.ts). */
export const PLATFORM_FORMATS = {
  uscc: '统一社会信用代码',
  orgcode: '组织机构代码',
  idcard: '身份证号码',
  mobile: '手机号码',
  phone: '联系电话（手机或固定电话）',
  attachment: '附件',
  district: '区县代码',
  street: '街道代码',
} as const;

/** Formats a form may use: validated alike on both sides and drawn by a widget or a text box. */
export const FORMATS: readonly string[] = [...STANDARD_FORMATS, ...Object.keys(PLATFORM_FORMATS)];

/**
 * Formats refused with a reason. data-url: rjsf would give it the file widget, which here uploads
 * to the file store and yields an attachment id, never a data URL, so the form could not be saved.
 */
export const REFUSED_FORMATS: Record<string, string> = {
  'data-url': '不支持以 data-url 保存文件，请改用附件：{"type": "array", "items": {"type": "string", "format": "attachment"}}',
};

/**
 * The kinds of file an attachment list may limit itself to (`ui:options.accept`, a list of these
 * names; none: every kind the file store takes), with the MIME types the server's sniffing gives
 * them (engine/files/sniff.ts) and the extensions the browser's file picker offers.
 */
export const ATTACHMENT_TYPES = {
  pdf: { title: 'PDF', mimes: ['application/pdf'], exts: ['.pdf'] },
  image: { title: '图片', mimes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'], exts: ['.png', '.jpg', '.jpeg', '.gif', '.webp'] },
  word: { title: 'Word', mimes: ['application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], exts: ['.doc', '.docx'] },
  excel: { title: 'Excel', mimes: ['application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], exts: ['.xls', '.xlsx'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Lower-case extension of a file name, with the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? `.${m[1].toLowerCase()}` : '';
}

/** The attachment types a `ui:options.accept` names (unknown names ignored; none: all). */
export function acceptedTypes(accept: unknown): AttachmentType[] {
  const all = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];
  const named = Array.isArray(accept) ? all.filter((t) => accept.includes(t)) : [];
  return named.length ? named : all;
}

export const WIDGET_NAMES: readonly string[] = [...RJSF_WIDGETS, ...Object.keys(CUSTOM_WIDGETS)];
export const FIELD_NAMES: readonly string[] = [...RJSF_FIELDS, ...Object.keys(CUSTOM_FIELDS)];

/** Keys whose string value names an object-valued enum option (rjsf would show "[object Object]"). */
export const ENUM_TITLE_KEYS = ['title', 'label', 'name'] as const;

/** The label of an enum option: scalars as themselves, objects by their title/label/name, else none. */
export function enumOptionTitle(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const key = ENUM_TITLE_KEYS.find((k) => typeof o[k] === 'string' && o[k] !== '');
  return key ? String(o[key]) : undefined;
}

/** ui:enumNames for an enum holding objects (their titles); undefined when rjsf's own labels do. */
export function objectEnumNames(values: unknown): string[] | undefined {
  if (!Array.isArray(values) || !values.some((v) => v !== null && typeof v === 'object')) return undefined;
  return values.map((v) => enumOptionTitle(v) ?? '');
}

/**
 * How rjsf fills defaults into a form (its experimental_defaultFormStateBehavior): the browser's
 * form and the server's applyFormDefaults (engine/validation/defaults.ts) use the same setting.
 */
export const DEFAULT_FORM_STATE_BEHAVIOR = {
  arrayMinItems: { populate: 'requiredOnly' },
  emptyObjectFields: 'skipEmptyDefaults',
} as const;
