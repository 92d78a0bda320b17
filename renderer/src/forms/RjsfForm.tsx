// rjsf's Form with shortcuts for big forms (benchmark 5), through rjsf's public API only: the
// Form's props and callbacks, and a SchemaField of our own in the registry (rjsf's documented way
// to extend every field). Nothing reads or overrides the Form's private state.
// - Its own data coming back is no change. Each keystroke goes field → Form state → onChange →
//   the page's state → the formData prop; rjsf then recomputes its whole state from that prop
//   (defaults of every table row, ids, validation: ~10 ms for a 1,000-row table) only to find what
//   it already has. So the Form keeps the formData prop it last got from outside while the page
//   hands back the very object the Form emitted, no other prop changed, the data did not switch a
//   condition of the schema (if/then, dependencies) and the Form's errors are already right:
//   validated live, or none shown and no validation failed. Anything else (a reset, an import, a
//   restore, new props, errors kept from a submit) goes to the Form as rjsf expects.
// - While errors are live, the error tree the fields pass up with a change is dropped at the root
//   field: rjsf validates the whole form on each change anyway, our fields raise no errors of their
//   own, and rjsf merges that tree wrongly for table rows (lodash pick turns row indexes into an
//   array, mergeObjects then replaces the validation's rows), which only its recompute above repaired.
// - One registry object while its parts stay the same. rjsf builds a new one on every render and
//   each field deep-compares it (about seventy widgets, fields and templates) before it may skip;
//   the root field hands its children the kept one.
import { createContext, forwardRef, useCallback, useContext, useMemo, useRef, type ForwardedRef } from 'react';
import Form, { getDefaultRegistry } from '@rjsf/core';
import type { FormProps, IChangeEvent } from '@rjsf/core';
import { createSchemaUtils, deepEquals, type ErrorSchema, type FieldProps, type Registry, type RJSFValidationError } from '@rjsf/utils';

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

const isPlain = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The same object, or plain objects whose members are the same down to `depth` levels. */
function sameParts(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth === 0 || !isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameParts(a[k], b[k], depth - 1));
}

/** What a form's root field needs from its RjsfForm; one object per form, updated as it renders. */
interface Root {
  live: boolean;
  registry?: Registry;
  /** Counts the renders in which the Form recomputed its state from its props, and the count when a field last changed. */
  recomputes: number;
  changedAt: number;
}
const RootOfForm = createContext<Root | null>(null);

const RjsfSchemaField = getDefaultRegistry().fields.SchemaField;

/** The root field: rjsf's, with the kept registry, and without the fields' error tree while errors are live. */
function RootField({ root, ...props }: FieldProps & { root: Root }) {
  // registry → fields / widgets / templates → ButtonTemplates → components.
  if (!root.registry || !sameParts(props.registry, root.registry, 3)) root.registry = props.registry;
  const { onChange } = props;
  const change = useCallback((data: unknown, errors?: ErrorSchema, id?: string) => {
    root.changedAt = root.recomputes;
    onChange(data, root.live ? undefined : errors, id);
  }, [onChange, root]);
  return (
    <RootOfForm.Provider value={null}>
      <RjsfSchemaField {...props} registry={root.registry} onChange={change} />
    </RootOfForm.Provider>
  );
}

/** The registry's SchemaField: the first one a form renders is its root, the rest are rjsf's own. */
function SchemaField(props: FieldProps) {
  const root = useContext(RootOfForm);
  return root ? <RootField {...props} root={root} /> : <RjsfSchemaField {...props} />;
}

const NOTHING_YET = Symbol('nothing given yet');

interface Kept {
  /** The props of the last render, and the formData the Form was given (the prop it has). */
  props?: FormProps;
  given: unknown;
  /** The data the Form holds: the last it emitted, or the last it was given. */
  holds: unknown;
  /** The schema resolved for the data the Form was last given (conditions applied), as the Form resolved it. */
  resolved?: unknown;
  /** The Form may show errors: its last change carried some, or a validation failed. */
  errors: boolean;
  failed: boolean;
}

export const RjsfForm = forwardRef(function RjsfForm(props: FormProps, ref: ForwardedRef<Form>) {
  const { formData, schema, validator, experimental_defaultFormStateBehavior: behavior, liveValidate, fields, onError: pageOnError } = props;
  const latest = useRef(props);
  latest.current = props;
  const kept = useRef<Kept>({ given: NOTHING_YET, holds: NOTHING_YET, errors: false, failed: false }).current;
  const root = useRef<Root>({ live: false, recomputes: 0, changedAt: 0 }).current;
  root.live = !!liveValidate;

  const schemaUtils = useMemo(() => createSchemaUtils(validator, schema, behavior), [validator, schema, behavior]);
  const resolve = (data: unknown) => schemaUtils.retrieveSchema(schema, data);
  // Without an onError of the page's a failed validation goes unseen here: then errors are never "none".
  const errorsRight = liveValidate || (!!pageOnError && !kept.errors && !kept.failed);
  const ownDataBack = () => formData === kept.holds && !!kept.props
    && onlyDataDiffers(kept.props as unknown as Props, props as unknown as Props)
    && errorsRight && deepEquals(resolve(formData), kept.resolved);
  const othersChanged = !kept.props || !onlyDataDiffers(kept.props as unknown as Props, props as unknown as Props);
  if (formData !== kept.given && !ownDataBack()) {
    kept.given = formData;
    kept.holds = formData;
    kept.resolved = resolve(formData);
    root.recomputes++;
  } else if (othersChanged) root.recomputes++;
  kept.props = props;

  const onChange = useCallback((e: IChangeEvent, id?: string) => {
    // rjsf reports a field's change after its state update is drawn. A render in between that
    // recomputed the Form from its props (new props batched with the change: an upload's file
    // list) set its data back to what it was given, so it no longer holds what it reports.
    kept.holds = root.changedAt === root.recomputes ? e.formData : NOTHING_YET;
    root.changedAt = root.recomputes;
    kept.errors = (e.errors?.length ?? 0) > 0 || !noErrors(e.errorSchema);
    latest.current.onChange?.(e, id);
  }, [kept, root]);
  const onError = useCallback((errors: RJSFValidationError[]) => {
    kept.failed = true;
    latest.current.onError?.(errors);
  }, [kept]);
  const withRoot = useMemo(() => ({ ...fields, SchemaField }), [fields]);

  return (
    <RootOfForm.Provider value={root}>
      <Form {...props} ref={ref} formData={kept.given} fields={withRoot} onChange={onChange} onError={pageOnError ? onError : undefined} />
    </RootOfForm.Provider>
  );
});
