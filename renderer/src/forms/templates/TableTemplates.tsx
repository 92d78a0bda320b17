// The parts of an editable table's row (TableField.tsx draws the table): the row's object adds no
// wrapper, each of its fields is a cell with a hidden label and its errors, and the 核验结果 cell.
import { Fragment } from 'react';
import type { FieldTemplateProps, ObjectFieldTemplateProps } from '@rjsf/utils';
import { FieldErrors } from './FieldTemplate';
import type { RowCheck } from '../context';

/** The server's 核验结果 for one row. */
export function RowVerdict({ check }: { check?: RowCheck }) {
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
