// Lists: a titled group of numbered items with 删除 and 添加 (e.g. the items of a return notice).
import type { ArrayFieldTemplateProps } from '@rjsf/utils';

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, title, required, readonly, disabled, idSchema, schema } = props;
  const itemTitle = (schema.items as { title?: string } | undefined)?.title ?? '项';
  return (
    <fieldset className="array-field" id={idSchema.$id}>
      <legend>
        {title}
        {required && !readonly && <span className="req" aria-hidden="true">*</span>}
      </legend>
      {items.length === 0 && <p className="muted">（无）</p>}
      <ol className="array-items">
        {items.map((item) => (
          <li key={item.key} className="array-item">
            <span className="array-index" aria-hidden="true">{item.index + 1}.</span>
            <div className="array-item-body">{item.children}</div>
            {item.hasRemove && !readonly && !disabled && (
              <button type="button" className="btn btn-sm btn-text-danger" onClick={item.onDropIndexClick(item.index)} aria-label={`删除第 ${item.index + 1} ${itemTitle}`}>
                删除
              </button>
            )}
          </li>
        ))}
      </ol>
      {canAdd && !readonly && !disabled && (
        <button type="button" className="btn btn-sm" onClick={onAddClick}>＋ 添加{itemTitle}</button>
      )}
    </fieldset>
  );
}
