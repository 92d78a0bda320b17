// One field: label tied to its input, required mark, help text, and its errors right below it
// (ids match the aria-describedby rjsf's widgets set).
import type { FieldTemplateProps } from '@rjsf/utils';
import { descriptionId, errorId, getUiOptions } from '@rjsf/utils';

const GROUP_WIDGETS = new Set(['radio', 'checkboxes']);

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const list = (errors ?? []).filter(Boolean);
  if (!list.length) return null;
  return (
    <ul className="field-errors" id={errorId(id)}>
      {list.map((e, i) => <li key={i}>{e}</li>)}
    </ul>
  );
}

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors, rawDescription, rawHelp, hidden, required, displayLabel, schema, uiSchema, readonly } = props;
  if (hidden) return <div className="hidden">{children}</div>;
  const hasErrors = !!rawErrors?.length;
  const type = schema.type;
  const options = getUiOptions(uiSchema);
  const widget = typeof uiSchema?.['ui:widget'] === 'string' ? uiSchema['ui:widget'] : undefined;
  // Objects and plain arrays draw their own legend; only their own errors are added here.
  if ((type === 'object' || type === 'array') && !displayLabel) {
    return (
      <div className={`field field-${type} ${hasErrors ? 'has-error' : ''}`}>
        {children}
        <FieldErrors id={id} errors={rawErrors} />
      </div>
    );
  }
  const isGroup = (widget && GROUP_WIDGETS.has(widget)) || type === 'boolean';
  const labelNode = (
    <>
      {label}
      {required && !readonly && <span className="req" aria-hidden="true">*</span>}
      {required && !readonly && <span className="sr-only">（必填）</span>}
    </>
  );
  const helpText = [rawDescription, rawHelp].filter(Boolean).join('；');
  const help = helpText && !readonly ? <p className="field-help" id={descriptionId(id)}>{helpText}</p> : null;
  if (isGroup) {
    return (
      <div className={`field ${hasErrors ? 'has-error' : ''}`} role="group" aria-labelledby={`${id}__label`}>
        <span className="field-label" id={`${id}__label`}>{displayLabel !== false ? labelNode : <span className="sr-only">{label}</span>}</span>
        <div className="field-control">{children}</div>
        {help}
        <FieldErrors id={id} errors={rawErrors} />
      </div>
    );
  }
  return (
    <div className={`field ${hasErrors ? 'has-error' : ''} ${options.wide ? 'wide' : ''}`}>
      {displayLabel !== false ? <label className="field-label" htmlFor={id}>{labelNode}</label> : <label className="sr-only" htmlFor={id}>{label}</label>}
      <div className="field-control">{children}</div>
      {help}
      <FieldErrors id={id} errors={rawErrors} />
    </div>
  );
}
