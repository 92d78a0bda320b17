// The remaining rjsf templates in the platform's style: the error summary above the form,
// inputs marked invalid for assistive technology, plain buttons.
import type { BaseInputTemplateProps, ErrorListProps, IconButtonProps } from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';
import type { FormContextValue } from '../context';
import { propertyToPath } from '../paths';
import { revealField } from '../reveal';

const DefaultBaseInput = getDefaultRegistry().templates.BaseInputTemplate;

export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const invalid = props.rawErrors?.length ? true : undefined;
  // Unknown props reach the <input>: aria-invalid marks the field for screen readers.
  const input = <DefaultBaseInput {...props} {...{ 'aria-invalid': invalid }} />;
  // A number's unit (ui:options.unit, e.g. 平方米) follows the input.
  const unit = typeof props.options.unit === 'string' && props.options.unit ? props.options.unit : undefined;
  return unit ? <span className="input-with-unit">{input}<span className="input-unit">{unit}</span></span> : input;
}

/** rjsf writes the server's errors as ".residentialArea message": the message alone names the field. */
function readable(e: ErrorListProps['errors'][number]): string {
  const stack = e.stack ?? '';
  if (e.message && (stack.startsWith('.') || (e.property && stack.startsWith(e.property)))) return e.message;
  return stack || e.message || '';
}

export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const ctx = registry.formContext as FormContextValue;
  const focus = (property?: string) => revealField([ctx.idPrefix, ...propertyToPath(property)].join('_'));
  if (!errors.length) return null;
  return (
    <div className="alert alert-error form-error-list" role="alert">
      <div className="alert-body">
        <strong className="alert-title">请修正以下 {errors.length} 处填写问题：</strong>
        <ul>
          {errors.map((e, i) => (
            <li key={i}><button type="button" className="linklike" onClick={() => focus(e.property)}>{readable(e)}</button></li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function TextButton({ label, className = '', ...props }: IconButtonProps & { label: string }) {
  const { onClick, disabled } = props;
  return <button type="button" className={`btn btn-sm ${className}`} onClick={onClick} disabled={disabled}>{label}</button>;
}

export const ButtonTemplates = {
  AddButton: (p: IconButtonProps) => <TextButton {...p} label="＋ 添加" />,
  RemoveButton: (p: IconButtonProps) => <TextButton {...p} label="删除" className="btn-text-danger" />,
  MoveUpButton: (p: IconButtonProps) => <TextButton {...p} label="上移" />,
  MoveDownButton: (p: IconButtonProps) => <TextButton {...p} label="下移" />,
  CopyButton: (p: IconButtonProps) => <TextButton {...p} label="复制" />,
  SubmitButton: () => null,
};
