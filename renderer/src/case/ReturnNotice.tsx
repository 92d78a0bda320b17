// 退回补正（一次性告知）: everything the clerk asked to correct, shown first on the case page.
import type { ReturnNotice as Notice } from '../api/model';

export function ReturnNotice({ notice }: { notice: Notice }) {
  const items = Array.isArray(notice.items) ? notice.items : [];
  return (
    <section className="return-notice" role="alert" aria-labelledby="return-notice-title">
      <h2 id="return-notice-title">退回补正通知（一次性告知）</h2>
      {notice.opinion && <p className="return-reason"><strong>退回原因：</strong>{notice.opinion}</p>}
      {items.length > 0 && (
        <>
          <p><strong>请一次性补正以下 {items.length} 项：</strong></p>
          <ol className="notice-items">{items.map((it, i) => <li key={i}>{it}</li>)}</ol>
        </>
      )}
      <p className="muted">请按以上事项修改业务信息、补充要件后，点击“保存并提交”重新提交。</p>
    </section>
  );
}
