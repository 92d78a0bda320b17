// Fills in what a type's uiSchema leaves out, from the schema alone, so every form renders well
// without per-business code: attachment lists get the upload widget, district and street codes
// get selects (the street follows the district beside it), yes/no questions get radio buttons,
// long texts a textarea, and arrays of objects marked {"table": true} an editable table.
import type { ComponentType } from 'react';
import type { JsonSchema } from '../api/model';
import { pathToPointer } from './paths';
import { objectEnumNames } from '../../../engine/shared/form-manifest';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- uiSchema values are open-ended
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface TableTemplates {
  /** The registry name of the field that draws the table (one page of rows at a time). */
  field: string;
  RowObjectTemplate: ComponentType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rjsf template props
  RowFieldTemplate: ComponentType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  CellFieldTemplate: ComponentType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function resolve(root: JsonSchema, s: unknown): Obj {
  let cur = s;
  for (let i = 0; i < 8 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    cur = ref.startsWith('#/') ? ref.slice(2).split('/').reduce<unknown>((o, k) => (isObj(o) ? o[k] : undefined), root) : undefined;
  }
  return isObj(cur) ? cur : {};
}

export interface Enhanced { uiSchema: Obj; checkTables: string[] }

export function enhanceUiSchema(schema: JsonSchema, uiSchema: Obj | undefined, table: TableTemplates): Enhanced {
  const checkTables: string[] = [];
  const walk = (s: Obj, ui: Obj | undefined, path: string[], siblings?: Obj): Obj => {
    const out: Obj = { ...(ui ?? {}) };
    const options: Obj = { ...(isObj(out['ui:options']) ? out['ui:options'] : {}) };
    const hasWidget = typeof out['ui:widget'] === 'string' || typeof out['ui:widget'] === 'function' || typeof options.widget === 'string';
    const type = s.type;

    if (type === 'object' || isObj(s.properties)) {
      const props = isObj(s.properties) ? s.properties : {};
      for (const [name, sub] of Object.entries(props)) out[name] = walk(resolve(schema, sub), isObj(out[name]) ? out[name] : undefined, [...path, name], props);
    } else if (type === 'array') {
      const items = resolve(schema, s.items);
      if (!hasWidget && items.type === 'string' && items.format === 'attachment') out['ui:widget'] = 'files';
      else if (items.type === 'object' || isObj(items.properties)) {
        let itemUi = walk(items, isObj(out.items) ? out.items : undefined, [...path, '0']);
        if (options.table) {
          if (out['ui:field'] === undefined) out['ui:field'] = table.field;
          options.pointer = pathToPointer(path);
          if (options.check) checkTables.push(options.pointer);
          itemUi = { ...itemUi, 'ui:FieldTemplate': table.RowFieldTemplate, 'ui:ObjectFieldTemplate': table.RowObjectTemplate };
          for (const name of Object.keys(isObj(items.properties) ? items.properties : {})) {
            itemUi[name] = { ...(isObj(itemUi[name]) ? itemUi[name] : {}), 'ui:FieldTemplate': table.CellFieldTemplate };
          }
        }
        out.items = itemUi;
      } else {
        const itemUi = walk(items, isObj(out.items) ? out.items : undefined, [...path, '0']);
        // Numbered rows of a list need no repeated label (a hidden one stays for screen readers).
        out.items = { ...itemUi, 'ui:options': { label: false, ...(isObj(itemUi['ui:options']) ? itemUi['ui:options'] : {}) } };
      }
    } else if (!hasWidget) {
      if (isObj(s.org)) {
        // A registered organisation (its number): chosen from a list, not typed.
        out['ui:widget'] = 'org';
        if (typeof s.org.kind === 'string') options.kind = s.org.kind;
        if (typeof s.org.nameField === 'string') options.nameField = s.org.nameField;
      } else if (type === 'boolean') {
        out['ui:widget'] = 'radio';
        options.inline = true;
      } else if (type === 'string' && s.format === 'district') {
        out['ui:widget'] = 'district';
      } else if (type === 'string' && s.format === 'street') {
        out['ui:widget'] = 'street';
      } else if (type === 'string' && !s.enum && !s.format && typeof s.maxLength === 'number' && s.maxLength >= 500) {
        out['ui:widget'] = 'textarea';
      }
    }
    // Options that are objects are shown by their titles, not "[object Object]"; a multi-select
    // takes its labels from the array's own uiSchema (rjsf's ArrayField).
    const enumNames = objectEnumNames(type === 'array' ? resolve(schema, s.items).enum : s.enum);
    if (enumNames && out['ui:enumNames'] === undefined && options.enumNames === undefined) out['ui:enumNames'] = enumNames;
    // A street select follows the district field beside it unless the uiSchema names one.
    if ((out['ui:widget'] === 'street' || s.format === 'street') && !options.districtField && siblings) {
      const district = Object.entries(siblings).find(([, v]) => isObj(v) && resolve(schema, v).format === 'district');
      if (district) options.districtField = district[0];
    }
    if (out['ui:widget'] === 'textarea' && !options.rows) options.rows = 4;
    // Choices side by side (they wrap on narrow screens) unless the uiSchema says otherwise.
    if ((out['ui:widget'] === 'radio' || out['ui:widget'] === 'checkboxes') && options.inline === undefined) options.inline = true;
    if (Object.keys(options).length) out['ui:options'] = options;
    return out;
  };
  return { uiSchema: walk(resolve(schema, schema), uiSchema, []), checkTables };
}
