// A form definition as a field's value (a survey's questions): edited as JSON Schema text, checked
// as it is typed, with a preview of the form it describes.
import { useEffect, useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { FieldErrors } from '../templates/FieldTemplate';
import { SchemaForm } from '../SchemaForm';
import type { JsonSchema } from '../../api/model';

export function SchemaEditorField(props: FieldProps) {
  const { idSchema, formData, onChange, readonly, disabled, rawErrors, schema, uiSchema, required } = props;
  const id = idSchema.$id;
  const [text, setText] = useState(() => (formData === undefined ? '' : JSON.stringify(formData, null, 2)));
  const [parseError, setParseError] = useState<string>();
  const [preview, setPreview] = useState(false);
  useEffect(() => {
    // The value changed from outside (loaded, restored): show it unless it is what is typed.
    try { if (JSON.stringify(JSON.parse(text || 'null')) === JSON.stringify(formData ?? null)) return; } catch { /* being typed */ }
    if (formData !== undefined) setText(JSON.stringify(formData, null, 2));
  }, [formData]); // eslint-disable-line react-hooks/exhaustive-deps
  const edit = (v: string) => {
    setText(v);
    if (!v.trim()) { setParseError(undefined); onChange(undefined); return; }
    try {
      onChange(JSON.parse(v));
      setParseError(undefined);
    } catch (e) {
      setParseError(`JSON 格式不正确：${(e as Error).message}`);
    }
  };
  const help = uiSchema?.['ui:help'] as string | undefined;
  const isSchema = formData && typeof formData === 'object' && (formData as { properties?: unknown }).properties;
  return (
    <div className={`field ${rawErrors?.length || parseError ? 'has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>{schema.title ?? props.name}{required && !readonly && <span className="req" aria-hidden="true">*</span>}</label>
      <textarea id={id} className="form-control code" rows={12} value={text} readOnly={readonly} disabled={disabled} spellCheck={false}
        aria-describedby={`${id}__error ${id}__description`} onChange={(e) => edit(e.target.value)} />
      {help && !readonly && <p className="field-help" id={`${id}__description`}>{help}</p>}
      <FieldErrors id={id} errors={[...(parseError ? [parseError] : []), ...(rawErrors ?? [])]} />
      {isSchema && (
        <div className="schema-preview">
          <button type="button" className="btn btn-sm" aria-expanded={preview} onClick={() => setPreview(!preview)}>{preview ? '收起预览' : '预览表单'}</button>
          {preview && <div className="schema-preview-body"><SchemaForm schema={formData as JsonSchema} formData={{}} idPrefix={`${id}_preview`} canUpload={false} /></div>}
        </div>
      )}
    </div>
  );
}
