// rjsf's Form with shortcuts for big forms (benchmark 5); everything else is rjsf's own.
// - Its own data coming back is no change. Each keystroke goes field → Form state → onChange →
//   the page's state → the formData prop; rjsf then recomputes its whole state from that prop
//   (defaults of every table row, ids, validation: ~10 ms for a 1,000-row table) only to find what
//   it already has. That update is skipped when the prop is the very object the Form holds, no
//   other prop changed, the data did not switch a condition of the schema (if/then, dependencies)
//   and the Form's errors are already right: validated live, or none shown. Anything else (a
//   reset, an import, a restore, new props, errors kept from a submit) goes through rjsf.
// - While errors are live, the error tree the fields pass up with a change is dropped: rjsf
//   validates the whole form on each change anyway, our fields raise no errors of their own, and
//   rjsf merges that tree wrongly for table rows (lodash pick turns row indexes into an array,
//   mergeObjects then replaces the validation's rows), which only its recompute above repaired.
// - One registry object while its parts stay the same. rjsf builds a new one on every render and
//   each field deep-compares it (about seventy widgets, fields and templates) before it may skip.
import Form from '@rjsf/core';
import type { FormProps, FormState } from '@rjsf/core';
import { deepEquals, type Registry } from '@rjsf/utils';

type Props = Record<string, unknown>;

/** No error message anywhere in an rjsf error tree. */
function noErrors(tree: unknown): boolean {
  if (!tree || typeof tree !== 'object') return true;
  return Object.entries(tree).every(([k, v]) => (k === '__errors' ? !Array.isArray(v) || v.length === 0 : noErrors(v)));
}

/** Props other than formData are the same (functions count as equal, as in rjsf's deepEquals). */
function onlyDataDiffers(a: Props, b: Props): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'formData') continue;
    if (a[k] !== b[k] && !(typeof a[k] === 'function' && typeof b[k] === 'function')) return false;
  }
  return true;
}

// Kept beside the instances rather than as members, so that a ref typed for rjsf's Form fits.
const registries = new WeakMap<Form, { parts: unknown[]; value: Registry }>();

export class RjsfForm extends Form {
  constructor(props: FormProps) {
    super(props);
    const rjsfOnChange = this.onChange;
    this.onChange = (formData, newErrorSchema, id) => rjsfOnChange(formData, this.props.liveValidate ? undefined : newErrorSchema, id);
  }

  override shouldComponentUpdate(nextProps: FormProps, nextState: FormState): boolean {
    const { formData, errors, errorSchema, schemaValidationErrorSchema, schemaUtils, schema, retrievedSchema } = this.state;
    if (nextState === this.state && nextProps.formData === formData
      && onlyDataDiffers(this.props as unknown as Props, nextProps as unknown as Props)
      && (nextProps.liveValidate || (!errors?.length && noErrors(errorSchema) && noErrors(schemaValidationErrorSchema)))
      && deepEquals(schemaUtils.retrieveSchema(schema, formData), retrievedSchema)) return false;
    return super.shouldComponentUpdate(nextProps, nextState);
  }

  override getRegistry(): Registry {
    const { fields, templates, widgets, schema, formContext, translateString, uiSchema } = this.props;
    const parts = [fields, templates, widgets, schema, formContext, translateString, uiSchema?.['ui:globalOptions'], this.state.schemaUtils];
    let kept = registries.get(this);
    if (!kept || parts.some((p, i) => p !== kept!.parts[i])) registries.set(this, kept = { parts, value: super.getRegistry() });
    return kept.value;
  }
}
