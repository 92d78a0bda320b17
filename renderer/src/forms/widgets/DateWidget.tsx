// Dates are shown and typed as 2026-05-20 (年-月-日) whatever the browser's locale: a native
// <input type="date"> draws its value in the browser's locale (06/30/2025 in an en-US browser),
// so the field is a text input, with a calendar button that opens the browser's own picker.
// What a person types as 2026/5/20, 2026.5.20, 2026年5月20日 or 20260520 becomes 2026-05-20
// when the field is left; anything else stays as typed and the schema's 格式 message explains.
import { useRef } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import './date-widget.css';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: string) => n.padStart(2, '0');

/** A real calendar day (no 2026-02-30). */
function isDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The typed text as YYYY-MM-DD when it reads as a date, else the text unchanged (trimmed). */
export function normalizeDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m || !isDay(Number(m[1]), Number(m[2]), Number(m[3]))) return t;
  return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
}

export function DateWidget(props: WidgetProps) {
  const { id, value, readonly, disabled, required, autofocus, options, onChange, onBlur, onFocus } = props;
  const picker = useRef<HTMLInputElement>(null);
  const text = typeof value === 'string' ? value : '';
  if (readonly) {
    return <input id={id} className="form-control date-text" readOnly value={text} aria-describedby={ariaDescribedByIds(id)} />;
  }
  const set = (v: string) => onChange(v === '' ? options.emptyValue : v);
  const openPicker = () => {
    const el = picker.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      // Browsers without showPicker (or refusing it): the native input takes the click itself.
      el.focus();
      el.click();
    }
  };
  return (
    <div className="date-widget">
      <input
        id={id}
        name={id}
        type="text"
        className="form-control date-text"
        inputMode="numeric"
        pattern="\d{4}-\d{2}-\d{2}"
        placeholder="年-月-日"
        title="日期格式：年-月-日，如 2026-05-20"
        maxLength={20}
        autoComplete="off"
        value={text}
        required={required}
        disabled={disabled}
        autoFocus={autofocus}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => set(e.target.value)}
        onBlur={(e) => {
          const v = normalizeDate(e.target.value);
          if (v !== e.target.value) set(v);
          onBlur(id, v);
        }}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      <button type="button" className="date-button" aria-label="选择日期" title="选择日期" disabled={disabled} onClick={openPicker}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M4 0h1.5v2h5V0H12v2h2.5A1.5 1.5 0 0 1 16 3.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 0 14.5v-11A1.5 1.5 0 0 1 1.5 2H4V0Zm-2.5 6v8.5h13V6h-13Zm2 2h2v2h-2V8Zm3.5 0h2v2H7V8Zm3.5 0h2v2h-2V8Zm-7 3.5h2v2h-2v-2Zm3.5 0h2v2H7v-2Z" />
        </svg>
      </button>
      {/* The browser's calendar, opened by the button; its value is always YYYY-MM-DD. */}
      <input ref={picker} type="date" className="date-native" tabIndex={-1} aria-hidden="true" disabled={disabled}
        value={ISO.test(text) ? text : ''} onChange={(e) => set(e.target.value)} />
    </div>
  );
}
