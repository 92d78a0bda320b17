// A part of a form whose fields live in a register entry (the answers to a survey: the survey's
// questions are a JSON Schema held in the survey). "ui:options": `register`, `idField` (the sibling
// field holding the entry's id) and `schema` (pointer into the entry, e.g. /data/questions). The
// questions are drawn by rjsf as an ordinary nested object; the server checks the answers
// against the same schema (rule matchesSchemaInEntry) and its errors land beside the questions.
import { useEffect, useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { getUiOptions } from '@rjsf/utils';
import { api } from '../../api/client';
import type { JsonSchema } from '../../api/model';
import type { FormContextValue } from '../context';
import { useFormValue } from '../formDataStore';
import { getAt, pathFromId, pointerToPath } from '../paths';

type Obj = Record<string, unknown>;

const cache = new Map<string, Promise<Obj>>();
function loadEntry(url: string): Promise<Obj> {
  let p = cache.get(url);
  if (!p) {
    p = api.get<Obj>(url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

/** When the entry is gone (a closed survey), the answers are still shown, titled by their keys. */
function schemaOfValue(value: unknown): JsonSchema {
  const props = Object.entries((value ?? {}) as Obj).map(([k, v]) => [k, { title: k, type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string' }]);
  return { type: 'object', properties: Object.fromEntries(props) };
}

export function SchemaFromEntryField(props: FieldProps) {
  const { idSchema, uiSchema, formContext, registry, schema, formData, readonly } = props;
  const ctx = formContext as FormContextValue;
  const options = getUiOptions(uiSchema);
  const register = String(options.register ?? '');
  const idField = String(options.idField ?? '');
  const pointer = typeof options.schema === 'string' ? options.schema : '/data/schema';
  const idPath = idField.startsWith('/')
    ? pointerToPath(idField)
    : [...pathFromId(registry.rootSchema as JsonSchema, ctx.idPrefix, idSchema.$id).slice(0, -1), idField];
  const entryId = useFormValue(ctx.data, (data) => getAt(data, idPath));
  const [loaded, setLoaded] = useState<{ entryId: unknown; schema?: JsonSchema; failed?: boolean }>();

  useEffect(() => {
    if (entryId === undefined || entryId === null || entryId === '' || !register) { setLoaded(undefined); return; }
    let live = true;
    const url = options.mine ? `/api/registers/${encodeURIComponent(register)}/${encodeURIComponent(String(entryId))}` : `/api/public/${encodeURIComponent(register)}/${encodeURIComponent(String(entryId))}`;
    loadEntry(url).then(
      (entry) => { if (live) setLoaded({ entryId, schema: getAt(entry, pointerToPath(pointer)) as JsonSchema | undefined }); },
      () => { if (live) setLoaded({ entryId, failed: true }); },
    );
    return () => { live = false; };
  }, [entryId, register, pointer, options.mine]);

  const current = loaded && loaded.entryId === entryId ? loaded : undefined;
  const fieldSchema = current?.schema && typeof current.schema === 'object' ? current.schema
    : readonly && formData && typeof formData === 'object' ? schemaOfValue(formData) : undefined;
  if (!fieldSchema) {
    const id = idSchema.$id;
    const note = !entryId ? '请先选择上面的项目，再填写本部分' : current?.failed ? '未能读取填写内容的定义（可能已结束或已撤销）' : '正在加载…';
    return (
      <fieldset className="field schema-from-entry" id={id}>
        <legend className="field-label">{schema.title ?? props.name}</legend>
        <p className={`field-help ${current?.failed ? 'warn-text' : ''}`}>{note}</p>
      </fieldset>
    );
  }
  const { SchemaField } = registry.fields;
  const { 'ui:field': _field, 'ui:options': _options, ...rest } = uiSchema ?? {};
  return (
    <SchemaField
      {...props}
      schema={{ ...fieldSchema, title: schema.title ?? fieldSchema.title, description: schema.description ?? fieldSchema.description } as FieldProps['schema']}
      uiSchema={rest}
    />
  );
}
