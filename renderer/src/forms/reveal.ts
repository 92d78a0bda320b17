// Bringing a field to the applicant: the error list's links and the focus on the first error
// after a failed submit. A cell of a long table may sit on another page of rows and so not be in
// the page at all: its table (marked data-row-pages) is asked to show that row first.
export const REVEAL_ROW = 'beian:reveal-row';

function find(id: string): HTMLElement | null {
  // Radios and checkboxes carry their option index after the field's id.
  return document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(`${id}-`)}"]`);
}

/** Scrolls to the field with this rjsf id and focuses its input. */
export function revealField(id: string): void {
  let el = find(id);
  if (!el) {
    for (const table of document.querySelectorAll<HTMLElement>('[data-row-pages]')) {
      const row = id.startsWith(`${table.id}_`) ? /^(\d+)(?:_|$)/.exec(id.slice(table.id.length + 1)) : null;
      if (!row) continue;
      // The table shows the row's page synchronously (flushSync), so the field is there now.
      table.dispatchEvent(new CustomEvent(REVEAL_ROW, { detail: Number(row[1]) }));
      el = find(id);
      break;
    }
  }
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  (el.matches('input,select,textarea,button') ? el : el.querySelector<HTMLElement>('input,select,textarea,button'))?.focus();
}
