// Dates: the browser's date picker while editing; read-only, the plain 2025-06-30 a form shows
// (the picker would print it in the browser's locale, e.g. 06/30/2025).
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';

const Default = getDefaultRegistry().widgets.DateWidget;

export function DateWidget(props: WidgetProps) {
  if (props.readonly) {
    return <input id={props.id} className="form-control" readOnly value={props.value ?? ''} aria-describedby={ariaDescribedByIds(props.id)} />;
  }
  return <Default {...props} />;
}
