// Arrays of objects as editable tables ("ui:options": {"table": true}): one row per item, one
// column per field, 添加一行 / 删除, and Excel 下载模版 / 导入 when the server offers them.
import { Fragment } from 'react';
import type { ArrayFieldTemplateProps, FieldTemplateProps, ObjectFieldTemplateProps } from '@rjsf/utils';
import { getUiOptions, orderProperties } from '@rjsf/utils';
import { FieldErrors } from './FieldTemplate';
import { ExcelTools } from '../ExcelTools';
import type { FormContextValue, RowCheck } from '../context';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema fragments

export function TableArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, title, required, readonly, disabled, schema, uiSchema, idSchema, registry } = props;
  const ctx = registry.formContext as FormContextValue;
  const itemSchema = (schema.items ?? {}) as Obj;
  const itemUi = (uiSchema?.items ?? {}) as Obj;
  const names = orderProperties(Object.keys(itemSchema.properties ?? {}), itemUi['ui:order'] as string[] | undefined);
  const columns = names.map((n) => ({ name: n, title: (itemSchema.properties[n]?.title as string) ?? n, required: (itemSchema.required ?? []).includes(n) }));
  const options = getUiOptions(uiSchema);
  const pointer = options.pointer as string | undefined;
  const editable = !readonly && !disabled;
  const checks = options.check && pointer ? ctx?.rowChecks?.[pointer] : undefined;
  const showCheck = !!options.check && editable;
  const help = uiSchema?.['ui:help'] as string | undefined;
  return (
    <div className="table-field" id={idSchema.$id}>
      <div className="table-field-head">
        <span className="table-field-title">
          {title}
          {required && editable && <span className="req" aria-hidden="true">*</span>}
          <span className="muted">（共 {items.length} 行）</span>
        </span>
        {editable && ctx?.typeId && pointer && ctx.excel && options.excelImport === true && (
          <ExcelTools typeId={ctx.typeId} pointer={pointer} title={title} available={ctx.excel} onRows={(rows) => ctx.setAt(pointer, rows)} />
        )}
      </div>
      {help && editable && <p className="field-help">{help}</p>}
      <div className="table-scroll">
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
            {items.length === 0 && (
              <tr><td colSpan={columns.length + 2 + (showCheck ? 1 : 0)} className="empty-row">暂无数据{editable ? '，请点击“添加一行”或从 Excel 导入' : ''}</td></tr>
            )}
            {items.map((item) => (
              <tr key={item.key}>
                <td className="col-index">{item.index + 1}</td>
                {item.children}
                {showCheck && <td className="col-check"><RowVerdict check={checks?.[item.index]} /></td>}
                {editable && (
                  <td className="col-ops">
                    {item.hasRemove && (
                      <button type="button" className="btn btn-sm btn-text-danger" onClick={item.onDropIndexClick(item.index)} aria-label={`删除第 ${item.index + 1} 行`}>删除</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canAdd && editable && <button type="button" className="btn btn-sm" onClick={onAddClick}>＋ 添加一行</button>}
    </div>
  );
}

function RowVerdict({ check }: { check?: RowCheck }) {
  if (!check) return <span className="muted">—</span>;
  if (check.ok && !check.warnings.length) return <span className="verdict ok">✓ 验证有效</span>;
  return (
    <ul className={`verdict ${check.ok ? 'warn' : 'bad'}`}>
      {[...check.errors, ...check.warnings].map((e, i) => <li key={i}>{e.message.replace(/^第 \d+ 行：/, '')}</li>)}
    </ul>
  );
}

/** The item of a table row adds no wrapper: its fields are the row's cells. */
export function RowFieldTemplate(props: FieldTemplateProps) {
  return props.children;
}

export function RowObjectTemplate(props: ObjectFieldTemplateProps) {
  return <>{props.properties.map((p) => <Fragment key={p.name}>{p.content}</Fragment>)}</>;
}

export function CellFieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors, hidden } = props;
  if (hidden) return <td className="hidden">{children}</td>;
  return (
    <td className={rawErrors?.length ? 'has-error' : ''}>
      <label className="sr-only" htmlFor={id}>{label}</label>
      {children}
      <FieldErrors id={id} errors={rawErrors} />
    </td>
  );
}
