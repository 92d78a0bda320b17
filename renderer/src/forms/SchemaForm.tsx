// The one form renderer: a type's JSON Schema + uiSchema (enhanced, see enhance.ts) through rjsf
// with the platform's widgets and templates, Chinese validation, and the server's 400 field
// errors shown beside their fields until the field is changed.
//
// Speed on big forms (benchmark 5): rjsf skips a field whose props are deep-equal to the last
// ones, so everything passed down — registry parts, uiSchema, formContext — stays the same object
// while the applicant types; only the field typed in (and its parents) re-render. Long tables
// show one page of rows (TableField.tsx).
import { forwardRef, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ForwardedRef } from 'react';
import type Form from '@rjsf/core';
import { RjsfForm } from './RjsfForm';
import type { ErrorSchema, Experimental_DefaultFormStateBehavior, Field, RJSFValidationError, Widget } from '@rjsf/utils';
import { DEFAULT_FORM_STATE_BEHAVIOR, type CustomFieldName, type CustomWidgetName } from '../../../engine/shared/form-manifest';
import type { FieldErrorDetail, UploadedFile } from '../api/client';
import type { JsonSchema } from '../api/model';
import { useHasRoute } from '../api/hooks';
import { enhanceUiSchema } from './enhance';
import { validator, chineseErrors } from './validator';
import { translateString } from './translate';
import { getAt, pointerToPath, propertyToPath, schemaAt, setAt } from './paths';
import { revealField } from './reveal';
import type { FileInfo, FormContextValue, Uploader } from './context';
import { FieldTemplate } from './templates/FieldTemplate';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate';
import { ArrayFieldTemplate } from './templates/ArrayFieldTemplate';
import { CellFieldTemplate, RowFieldTemplate, RowObjectTemplate } from './templates/TableTemplates';
import { TableField } from './templates/TableField';
import { createFormDataStore } from './formDataStore';
import { BaseInputTemplate, ButtonTemplates, ErrorListTemplate } from './templates/misc';
import { DistrictWidget, StreetWidget } from './widgets/DistrictWidgets';
import { FilesWidget } from './widgets/FilesWidget';
import { PercentWidget, RegisterEntryWidget } from './widgets/RegisterEntryWidget';
import { OrgWidget } from './widgets/OrgWidget';
import { DateWidget } from './widgets/DateWidget';
import { SelectWidget } from './widgets/SelectWidget';
import { SchemaEditorField } from './widgets/SchemaEditorField';
import { SchemaFromEntryField } from './widgets/SchemaFromEntryField';
import type { RowCheck } from './context';
import { api } from '../api/client';

// Typed against the shared manifest: a widget or field registered here and not there (or the
// reverse) fails the typecheck, so the definition check and the renderer cannot disagree.
const widgets: Record<CustomWidgetName, Widget> = {
  district: DistrictWidget, street: StreetWidget, files: FilesWidget, FileWidget: FilesWidget,
  registerEntry: RegisterEntryWidget, 'register-entry': RegisterEntryWidget, percent: PercentWidget, DateWidget, SelectWidget, org: OrgWidget,
};
const fields: Record<CustomFieldName, Field> = { schemaEditor: SchemaEditorField, schemaFromEntry: SchemaFromEntryField, hiddenEmpty: () => null, table: TableField };
const templates = { FieldTemplate, ObjectFieldTemplate, ArrayFieldTemplate, ErrorListTemplate, BaseInputTemplate, ButtonTemplates };
const TABLE = { field: 'table', RowObjectTemplate, RowFieldTemplate, CellFieldTemplate };
// The pages put their own buttons under the form. One element, so that the Form's props stay the
// same while the applicant types (RjsfForm.tsx).
const NO_BUTTONS = <></>;
// The server fills defaults with the same setting (engine/validation/defaults.ts).
const DEFAULT_FORM_STATE = DEFAULT_FORM_STATE_BEHAVIOR as Experimental_DefaultFormStateBehavior;

export interface SchemaFormProps {
  schema: JsonSchema;
  uiSchema?: Record<string, unknown>;
  formData: unknown;
  onChange?: (data: unknown) => void;
  readonly?: boolean;
  /** The server's per-field errors (400 FORM_INVALID details). */
  serverErrors?: FieldErrorDetail[];
  files?: Record<string, FileInfo>;
  typeId?: string;
  idPrefix?: string;
  canUpload?: boolean;
  /** Uploads through another endpoint than POST /api/files (see FormContextValue.uploader). */
  uploader?: Uploader;
  /** Fields whose client-side errors are not shown (the server decides, e.g. a declared pilot code). */
  skipValidation?: (path: string[]) => boolean;
  /** Show errors as the user types (after a first failed submit). */
  liveValidate?: boolean;
  /** Where tables marked "check": true get their per-row results (POST, body { data }). */
  checkUrl?: string;
}

/** Server errors as rjsf's error tree; errors of fields the form does not have are left out. */
export function toErrorSchema(schema: JsonSchema, errors: FieldErrorDetail[]): ErrorSchema {
  let out: Record<string, unknown> = {};
  for (const e of errors) {
    const path = pointerToPath(e.field);
    if (path.length && !schemaAt(schema, path)) continue;
    const at = [...path, '__errors'];
    const list = (getAt(out, at) as string[] | undefined) ?? [];
    if (!list.includes(e.message)) out = setAt(out, at, [...list, e.message]);
  }
  return out as ErrorSchema;
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === ''
  || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(isEmpty));

/** Paths of readOnly properties (at any depth of plain objects) whose value is empty. */
function emptyReadOnly(schema: JsonSchema, data: unknown, path: string[] = []): string[][] {
  const props = (schemaAt(schema, path)?.properties ?? {}) as Record<string, { readOnly?: boolean; type?: string }>;
  const out: string[][] = [];
  for (const [k, p] of Object.entries(props)) {
    const value = getAt(data, [...path, k]);
    if (p?.readOnly && isEmpty(value)) out.push([...path, k]);
    else if (p?.type === 'object') out.push(...emptyReadOnly(schema, data, [...path, k]));
  }
  return out;
}

/** Failed validation is shown in the form (its error list and fields); without a handler rjsf would
 *  also log every failed validation with console.error. */
const SHOWN_IN_FORM = () => undefined;

export const SchemaForm = forwardRef(function SchemaForm(props: SchemaFormProps, ref: ForwardedRef<Form>) {
  const { schema, uiSchema, formData, onChange, readonly, serverErrors, typeId, idPrefix = 'root', canUpload = true, uploader, skipValidation, liveValidate, checkUrl } = props;
  const [files, setFiles] = useState<Record<string, FileInfo>>(props.files ?? {});
  useEffect(() => { if (props.files) setFiles((f) => ({ ...f, ...props.files })); }, [props.files]);
  const dataRef = useRef(formData);
  dataRef.current = formData;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [store] = useState(() => createFormDataStore(formData));
  store.set(formData);
  useLayoutEffect(() => store.notify());

  // Server errors stay beside a field until its value changes.
  const errorsData = useRef<unknown>(formData);
  const [shownErrors, setShownErrors] = useState<FieldErrorDetail[]>(serverErrors ?? []);
  useEffect(() => {
    errorsData.current = dataRef.current;
    setShownErrors(serverErrors ?? []);
  }, [serverErrors]);
  const live = shownErrors.filter((e) => {
    const path = pointerToPath(e.field);
    return JSON.stringify(getAt(formData, path)) === JSON.stringify(getAt(errorsData.current, path));
  });
  const extraErrors = useMemo(() => toErrorSchema(schema, live), [schema, JSON.stringify(live)]); // eslint-disable-line react-hooks/exhaustive-deps

  const enhanced = useMemo(() => enhanceUiSchema(schema, uiSchema, TABLE), [schema, uiSchema]);
  // Parts the applicant cannot fill (readOnly, written later by a department) stay out of an
  // editable form while they are empty.
  const hiddenKey = readonly ? '' : JSON.stringify(emptyReadOnly(schema, formData));
  const ui = useMemo(() => {
    let out: Record<string, unknown> = { ...enhanced.uiSchema, 'ui:submitButtonOptions': { norender: true } };
    for (const path of JSON.parse(hiddenKey || '[]') as string[][]) out = setAt(out, [...path, 'ui:field'], 'hiddenEmpty');
    return out;
  }, [enhanced, hiddenKey]);

  // Tables marked "check" show the server's verdict per row while the applicant types.
  const [rowChecks, setRowChecks] = useState<Record<string, RowCheck[]>>();
  const checkKey = enhanced.checkTables.length && checkUrl && !readonly ? JSON.stringify(enhanced.checkTables.map((p) => getAt(formData, pointerToPath(p)))) : '';
  useEffect(() => {
    if (!checkKey || !checkUrl) return;
    let live = true;
    const t = setTimeout(() => {
      api.post<{ rows?: Record<string, RowCheck[]> }>(checkUrl, { data: dataRef.current ?? {} })
        .then((r) => { if (live) setRowChecks(r.rows ?? {}); }, () => { /* the check is a help, not a gate */ });
    }, 700);
    return () => { live = false; clearTimeout(t); };
  }, [checkKey, checkUrl]);
  const transformErrors = useMemo(() => chineseErrors(schema, () => dataRef.current, skipValidation), [schema, skipValidation]);

  const hasTemplate = useHasRoute('GET', '/api/types/{id}/excel-template');
  const hasImport = useHasRoute('POST', '/api/types/{id}/import');

  const rememberFile = useCallback((f: UploadedFile) => setFiles((cur) => ({ ...cur, [f.id]: { name: f.name, size: f.size, mime: f.mime } })), []);
  const setAtPointer = useCallback((pointer: string, value: unknown) => {
    onChangeRef.current?.(setAt(dataRef.current ?? {}, pointerToPath(pointer), value));
  }, []);

  // A cell of a long table may be on another page of rows: reveal.ts shows its page first.
  const focusFirstError = useCallback((e: RJSFValidationError) => revealField([idPrefix, ...propertyToPath(e.property)].join('_')), [idPrefix]);

  const formContext = useMemo((): FormContextValue => ({
    files, rememberFile, canUpload, uploader, data: store, setAt: setAtPointer, idPrefix, typeId, readonly,
    excel: { template: !!hasTemplate, import: !!hasImport },
    rowChecks,
  }), [files, rememberFile, canUpload, uploader, store, setAtPointer, idPrefix, typeId, readonly, hasTemplate, hasImport, rowChecks]);

  return (
    <div className={`schema-form ${readonly ? 'form-readonly' : ''}`}>
      <RjsfForm
        ref={ref}
        schema={schema as never}
        uiSchema={ui}
        formData={formData}
        validator={validator}
        widgets={widgets}
        fields={fields}
        templates={templates}
        formContext={formContext}
        idPrefix={idPrefix}
        readonly={readonly}
        noHtml5Validate
        liveValidate={liveValidate && !readonly}
        showErrorList={readonly ? false : 'top'}
        focusOnFirstError={focusFirstError}
        extraErrors={extraErrors}
        transformErrors={transformErrors}
        translateString={translateString}
        experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
        onChange={(e) => { if (!readonly) onChange?.(e.formData); }}
        onError={SHOWN_IN_FORM}
      >
        {NO_BUTTONS}
      </RjsfForm>
    </div>
  );
});
