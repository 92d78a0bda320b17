// Arrays of objects as editable tables ("ui:options": {"table": true}): one row per item, one
// column per field, 添加一行 / 删除, Excel 下载模版 / 导入 when the server offers them, and the
// server's 核验结果 per row ("check": true). Long tables show one page of rows at a time
// ("pageSize", default 50) with a pager: rjsf's own ArrayField builds every item on every change,
// which made typing in a 1,000-row table take most of a second (benchmark 5).
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ErrorSchema, FieldProps, RJSFSchema } from '@rjsf/utils';
import { getUiOptions, orderProperties } from '@rjsf/utils';
import { ExcelTools } from '../ExcelTools';
import type { FormContextValue } from '../context';
import { REVEAL_ROW } from '../reveal';
import { RowVerdict } from './TableTemplates';
import { TablePager } from './TablePager';
import { ScrollRegion } from '../../ui/ScrollRegion';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema fragments and row data

const PAGE_SIZE = 50;

/** Error trees without the row at `index`, later rows moved up by one (as rjsf's ArrayField does). */
function dropRowErrors(errors: ErrorSchema | undefined, index: number): ErrorSchema | undefined {
  if (!errors) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(errors as Obj)) {
    const i = Number(k);
    if (!Number.isInteger(i)) continue;
    if (i < index) out[i] = v;
    else if (i > index) out[i - 1] = v;
  }
  return out as ErrorSchema;
}

/** Rows (0-based) with an error in any of their cells. */
function rowsWithErrors(errors: ErrorSchema | undefined): number[] {
  const has = (e: unknown): boolean => !!e && typeof e === 'object'
    && Object.entries(e as Obj).some(([k, v]) => (k === '__errors' ? Array.isArray(v) && v.length > 0 : has(v)));
  return Object.entries((errors ?? {}) as Obj).filter(([k, v]) => /^\d+$/.test(k) && has(v)).map(([k]) => Number(k)).sort((a, b) => a - b);
}

export function TableField(props: FieldProps) {
  const { schema, uiSchema, formData, errorSchema, idSchema, registry, readonly, disabled, required, name, idPrefix, idSeparator = '_', hideError, onBlur, onFocus } = props;
  const { schemaUtils, fields: { SchemaField } } = registry;
  const ctx = registry.formContext as FormContextValue;
  const options = getUiOptions(uiSchema, registry.globalUiOptions);
  const rows: unknown[] = Array.isArray(formData) ? formData : [];
  const rawItems = (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items) ? schema.items : {}) as RJSFSchema;
  const itemSchema = useMemo(() => schemaUtils.retrieveSchema(rawItems), [schemaUtils, rawItems]);
  const itemUi = (uiSchema?.items ?? {}) as Obj;
  const names = orderProperties(Object.keys(itemSchema.properties ?? {}), itemUi['ui:order'] as string[] | undefined);
  const columns = names.map((n) => ({ name: n, title: ((itemSchema.properties as Obj)[n]?.title as string) ?? n, required: (itemSchema.required ?? []).includes(n) }));
  const title = (options.title as string | undefined) ?? schema.title ?? name;
  const pointer = options.pointer as string | undefined;
  const editable = !readonly && !disabled;
  const checks = options.check && pointer ? ctx?.rowChecks?.[pointer] : undefined;
  const showCheck = !!options.check && editable;
  const help = uiSchema?.['ui:help'] as string | undefined;
  const canAdd = editable && options.addable !== false && (schema.maxItems === undefined || rows.length < schema.maxItems);
  const canRemove = editable && options.removable !== false;

  const pageSize = typeof options.pageSize === 'number' && options.pageSize > 0 ? options.pageSize : PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const [wanted, setPage] = useState(0);
  const page = Math.min(wanted, pages - 1);
  const start = page * pageSize;

  // Rows keep their React key while rows are added or removed here, so a cell's own state (an
  // upload in progress) stays with its row; rows of another count from outside (an import) get new keys.
  const keys = useRef<string[]>([]);
  const seq = useRef(0);
  const newKey = () => `row-${++seq.current}`;
  if (keys.current.length !== rows.length) keys.current = rows.map(newKey);

  // Cells that did not re-render keep the handler of an earlier render: it reads the latest props.
  const latest = useRef(props);
  latest.current = props;
  const rowChange = useMemo(() => {
    const cache = new Map<number, (value: unknown, es?: ErrorSchema, id?: string) => void>();
    return (index: number) => {
      let fn = cache.get(index);
      if (!fn) {
        fn = (value, es, id) => {
          const { formData: data, onChange, errorSchema: errors } = latest.current;
          const list: unknown[] = Array.isArray(data) ? data : [];
          // An emptied row stays a row (null), as in rjsf's ArrayField, so validation sees it.
          onChange(list.map((row, i) => (i === index ? (value === undefined ? null : value) : row)), errors && { ...errors, [index]: es } as ErrorSchema, id);
        };
        cache.set(index, fn);
      }
      return fn;
    };
  }, []);

  const add = () => {
    const row = schemaUtils.getDefaultFormState(rawItems, undefined);
    keys.current = [...keys.current, newKey()];
    props.onChange([...rows, row], undefined, idSchema.$id);
    setPage(Math.floor(rows.length / pageSize));
  };
  const remove = (index: number) => {
    keys.current = keys.current.filter((_, i) => i !== index);
    props.onChange(rows.filter((_, i) => i !== index), dropRowErrors(errorSchema, index), idSchema.$id);
  };

  // The error list and the focus on the first error after a failed submit ask for a row that may
  // be on another page (reveal.ts): show its page at once, so the field can take the focus.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const onReveal = (e: Event) => {
      const index = (e as CustomEvent<number>).detail;
      flushSync(() => setPage(Math.floor(index / pageSize)));
    };
    el.addEventListener(REVEAL_ROW, onReveal);
    return () => el.removeEventListener(REVEAL_ROW, onReveal);
  }, [pageSize]);

  const errorRows = hideError ? [] : rowsWithErrors(errorSchema);
  const visible = rows.slice(start, start + pageSize);
  return (
    <div className="table-field" id={idSchema.$id} ref={box} data-row-pages="">
      <div className="table-field-head">
        <span className="table-field-title">
          {title}
          {required && editable && <span className="req" aria-hidden="true">*</span>}
          <span className="muted">（共 {rows.length} 行）</span>
        </span>
        {editable && ctx?.typeId && pointer && ctx.excel && options.excelImport === true && (
          <ExcelTools typeId={ctx.typeId} pointer={pointer} title={title} available={ctx.excel} onRows={(r) => ctx.setAt(pointer, r)} />
        )}
      </div>
      {help && editable && <p className="field-help">{help}</p>}
      <ScrollRegion label={title}>
        <table className="grid-table editable">
          <thead>
            <tr>
              <th scope="col" className="col-index">序号</th>
              {columns.map((c) => (
                <th key={c.name} scope="col">{c.title}{c.required && editable && <span className="req" aria-hidden="true">*</span>}</th>
              ))}
              {showCheck && <th scope="col" className="col-check">核验结果</th>}
              {editable && <th scope="col" className="col-ops">操作</th>}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr><td colSpan={columns.length + 2 + (showCheck ? 1 : 0)} className="empty-row">暂无数据{editable ? '，请点击“添加一行”或从 Excel 导入' : ''}</td></tr>
            )}
            {visible.map((row, k) => {
              const index = start + k;
              const rowSchema = schemaUtils.retrieveSchema(rawItems, row);
              const rowId = `${idSchema.$id}${idSeparator}${index}`;
              return (
                <tr key={keys.current[index]}>
                  <td className="col-index">{index + 1}</td>
                  <SchemaField
                    name={name && `${name}-${index}`}
                    title={title ? `${title}-${index + 1}` : undefined}
                    index={index}
                    schema={rowSchema}
                    uiSchema={itemUi}
                    formData={row}
                    errorSchema={errorSchema?.[index] as ErrorSchema | undefined}
                    idPrefix={idPrefix}
                    idSeparator={idSeparator}
                    idSchema={schemaUtils.toIdSchema(rowSchema, rowId, row, idPrefix, idSeparator)}
                    required={rowSchema.type !== 'null'}
                    onChange={rowChange(index)}
                    onBlur={onBlur}
                    onFocus={onFocus}
                    registry={registry}
                    disabled={disabled}
                    readonly={readonly}
                    hideError={hideError}
                  />
                  {showCheck && <td className="col-check"><RowVerdict check={checks?.[index]} /></td>}
                  {editable && (
                    <td className="col-ops">
                      {canRemove && (
                        <button type="button" className="btn btn-sm btn-text-danger" onClick={() => remove(index)} aria-label={`删除第 ${index + 1} 行`}>删除</button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {pages > 1 && <TablePager title={title} page={page} pages={pages} pageSize={pageSize} total={rows.length} errorRows={errorRows} onPage={setPage} />}
      {canAdd && <button type="button" className="btn btn-sm" onClick={add}>＋ 添加一行</button>}
    </div>
  );
}
