// A new type is complete by default: what a type needs beyond its form and workflow to be usable
// the day it is published — an 申请表 print written from the form, a title field (the inbox's 名称
// column says which case it is instead of repeating the type's name), list columns and a menu
// group. Called by the new-type dialog and on 保存; it only fills what is missing, so whatever the
// administrator chose stays, and calling it again changes nothing.
import type { Bundle } from './api';
import { readForm, type Field } from './form/fieldModel';
import { defaultTemplate, STANDARD_PRINTS } from './prints/defaultTemplate';

/** The menu group of a type that names none (types of the 物业管理 kind are the usual new ones). */
export const DEFAULT_MENU = '物业管理';
const TITLE_WORDS = /名称|标题|事项|项目|主题|小区|地址|姓名/;
const COLUMN_KINDS: Array<Field['kind']> = ['text', 'select', 'date', 'datetime', 'district', 'street', 'number', 'integer'];

const plain = (f: Field) => !f.condition && !f.readOnly;

/** The field whose value names a case: a required text whose title says so, else the first required text. */
export function chooseTitleField(fields: Field[]): Field | undefined {
  const texts = fields.filter((f) => f.kind === 'text' && plain(f) && !f.format);
  return texts.find((f) => f.required && TITLE_WORDS.test(f.title)) ?? texts.find((f) => f.required) ?? texts[0];
}

/** Up to three list columns beside the title: required simple fields first, in form order. */
export function chooseListColumns(fields: Field[], titleField?: string): Array<{ field: string; title: string }> {
  const candidates = fields.filter((f) => COLUMN_KINDS.includes(f.kind) && plain(f) && `/${f.name}` !== titleField && !f.format);
  const ordered = [...candidates.filter((f) => f.required), ...candidates.filter((f) => !f.required)];
  return ordered.slice(0, 3).map((f) => ({ field: `/${f.name}`, title: f.title }));
}

export function completeBundle(bundle: Bundle): Bundle {
  const { fields } = readForm(bundle.schema, bundle.uiSchema);
  const settings = { ...bundle.settings };
  const prints = { ...(bundle.prints ?? {}) };
  if (!settings.titleField) {
    const t = chooseTitleField(fields);
    if (t) settings.titleField = `/${t.name}`;
  }
  if (!settings.listColumns?.length) {
    const columns = chooseListColumns(fields, settings.titleField);
    if (columns.length) settings.listColumns = columns;
  }
  if (!settings.menu) settings.menu = DEFAULT_MENU;
  if (!prints.application) {
    prints.application = defaultTemplate('application', fields);
    settings.prints = { ...(settings.prints ?? {}), application: { title: STANDARD_PRINTS.application } };
  }
  return { ...bundle, settings, prints };
}
