// 区县 and 街道 selects from GET /api/districts; the street list follows the district chosen
// beside it (ui:options.districtField names that sibling field).
import { useEffect } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { useDistricts } from '../../app/districts';
import type { FormContextValue } from '../context';
import type { JsonSchema } from '../../api/model';
import { getAt, pathFromId, pointerToPath } from '../paths';
import { useFormValue } from '../formDataStore';

function Select({ props, options, placeholder }: { props: WidgetProps; options: Array<{ code: string; name: string }>; placeholder: string }) {
  const { id, value, disabled, readonly, required, onChange, onBlur, onFocus, autofocus, rawErrors } = props;
  if (readonly) {
    const name = options.find((o) => o.code === value)?.name ?? value ?? '';
    return <input id={id} className="form-control" readOnly value={name} aria-describedby={ariaDescribedByIds(id)} />;
  }
  return (
    <select
      id={id}
      className="form-control"
      value={value ?? ''}
      required={required}
      disabled={disabled}
      autoFocus={autofocus}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(e) => onChange(e.target.value || undefined)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    >
      <option value="">{placeholder}</option>
      {options.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
    </select>
  );
}

export function DistrictWidget(props: WidgetProps) {
  const { districts } = useDistricts();
  return <Select props={props} options={districts} placeholder="请选择区县" />;
}

export function StreetWidget(props: WidgetProps) {
  const { streetsOf, all } = useDistricts();
  const ctx = props.formContext as FormContextValue;
  const field = (props.options.districtField as string | undefined) ?? 'district';
  const path = field.startsWith('/') ? pointerToPath(field) : [...pathFromId(props.registry.rootSchema as JsonSchema, ctx.idPrefix, props.id).slice(0, -1), field];
  // Re-renders when the district changes, not on every keystroke elsewhere in the form.
  const district = useFormValue(ctx.data, (data) => getAt(data, path));
  const streets = streetsOf(typeof district === 'string' ? district : undefined);
  const { value, onChange, readonly } = props;
  // A street of another district is cleared when the district changes.
  useEffect(() => {
    if (!readonly && value && typeof district === 'string' && streets.length && !streets.some((s) => s.code === value)) onChange(undefined);
  }, [district, value, streets, readonly, onChange]);
  if (readonly) return <Select props={props} options={all} placeholder="" />;
  return <Select props={{ ...props, disabled: props.disabled || !district }} options={streets} placeholder={district ? '请选择街道' : '请先选择所属区县'} />;
}
