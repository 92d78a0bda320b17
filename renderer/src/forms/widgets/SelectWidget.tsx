// rjsf's own select, with 请选择 as the empty first option when the form gives no placeholder:
// a select that starts blank looks broken, and one that starts on its first value looks chosen.
import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';

const RjsfSelect = getDefaultRegistry().widgets.SelectWidget;

export function SelectWidget(props: WidgetProps) {
  return <RjsfSelect {...props} placeholder={props.placeholder || '请选择'} />;
}
