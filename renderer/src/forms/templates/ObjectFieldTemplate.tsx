// Objects: the form's top level as a two-column grid, nested objects as titled groups
// ("ui:options": {"layout": "grid"} packs short fields four to a row, e.g. 四至).
import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { getUiOptions } from '@rjsf/utils';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema fragments

function isWide(schema: Obj | undefined, ui: Obj | undefined): boolean {
  if (!schema) return false;
  const widget = ui?.['ui:widget'];
  const opts = (ui?.['ui:options'] ?? {}) as Obj;
  return schema.type === 'object' || schema.type === 'array' || widget === 'textarea' || widget === 'files' || !!opts.wide;
}

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { properties, title, description, idSchema, schema, uiSchema, required, readonly } = props;
  const options = getUiOptions(uiSchema);
  const isRoot = idSchema.$id === ((props.registry.formContext as { idPrefix?: string } | undefined)?.idPrefix ?? 'root');
  const grid = options.layout === 'grid' ? 'form-grid form-grid-4' : 'form-grid';
  const body = (
    <div className={grid}>
      {properties.map((p) => {
        if (p.hidden) return <div key={p.name} className="hidden">{p.content}</div>;
        if ((uiSchema as Obj | undefined)?.[p.name]?.['ui:field'] === 'hiddenEmpty') return null;
        const sub = (schema.properties as Obj | undefined)?.[p.name];
        return <div key={p.name} className={`grid-item ${isWide(sub, (uiSchema as Obj | undefined)?.[p.name]) ? 'wide' : ''}`}>{p.content}</div>;
      })}
    </div>
  );
  if (isRoot) return body;
  return (
    <fieldset className="subform" id={idSchema.$id}>
      <legend>
        {title}
        {required && !readonly && <span className="req" aria-hidden="true">*</span>}
      </legend>
      {description && !readonly && <p className="field-help">{description}</p>}
      {body}
    </fieldset>
  );
}
