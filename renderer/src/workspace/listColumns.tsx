// The columns a case list shows when it holds one type: the type's settings.listColumns, whose
// values the list endpoints answer per case (`columns`, pointer → value; ID numbers masked by
// the server). Each value is shown through its field's schema (是/否, numbers, district names,
// date-times in local time).
import { useEffect, useState } from 'react';
import type { JsonSchema, TypeDetail } from '../api/model';
import { loadType } from '../app/types';
import { pointerToPath, schemaAt } from '../forms/paths';
import { ValueView } from '../portal/ValueView';
import { formatDateTime } from '../ui/format';
import './list-columns.css';

export interface ListColumn {
  field: string;
  title: string;
  schema?: Record<string, unknown>;
  /** The cell's class: the case title (settings.titleField) is given a reading width. */
  className: 'col-title' | 'col-value';
}

export interface TypeListing {
  /** The type's current definition (undefined while loading, or when no type is chosen). */
  type?: TypeDetail;
  columns: ListColumn[];
  /** Whether one of the columns is the case title (settings.titleField): no separate 名称 column then. */
  titleInColumns: boolean;
}

/** The list columns of the chosen type (none when the list holds every type). */
export function useTypeListing(typeId: string | undefined): TypeListing {
  const [type, setType] = useState<TypeDetail>();
  useEffect(() => {
    setType(undefined);
    if (!typeId) return;
    let live = true;
    loadType(typeId).then((t) => { if (live) setType(t); }, () => undefined);
    return () => { live = false; };
  }, [typeId]);
  if (!type || type.id !== typeId) return { columns: [], titleInColumns: false };
  const columns = (type.settings.listColumns ?? []).map((c): ListColumn => ({
    ...c, schema: schemaAt(type.schema as JsonSchema, pointerToPath(c.field)), className: c.field === type.settings.titleField ? 'col-title' : 'col-value',
  }));
  return { type, columns, titleInColumns: columns.some((c) => c.className === 'col-title') };
}

/** One cell of a list column. */
export function ColumnCell({ column, values }: { column: ListColumn; values?: Record<string, unknown> }) {
  const value = values?.[column.field];
  if (typeof value === 'string' && column.schema?.format === 'date-time') return <>{formatDateTime(value) || value}</>;
  return <ValueView value={value} schema={column.schema} />;
}
