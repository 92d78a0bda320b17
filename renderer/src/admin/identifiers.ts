// Identifiers generated from Chinese titles, so an administrator never has to type one: a type
// id (kebab-case, 物业区域备案 → wu-ye-qu-yu-bei-an), a field or column name (camelCase,
// 联系电话 → lianXiDianHua), a state name (camelCase) or an event name (UPPER_SNAKE, 同意 → TONG_YI).
// Pinyin comes from pinyin-pro (a dictionary with polyphone handling, which no hand-written table
// would match). Latin letters and digits in the title are kept; anything else is dropped. A taken
// name gets a number (…2, …3). Once published an identifier stays: callers generate one only for
// a new thing and keep the stored one afterwards (the administrator may still edit it).
// The dictionary is most of the admin console's weight, so it is not in the console's chunk: it
// loads on first need (loadPinyin, or usePinyin in the pages that generate identifiers: the type
// editor and 新建业务类型), and those pages wait for it before they draw.
import { useEffect, useState } from 'react';

type Pinyin = typeof import('pinyin-pro')['pinyin'];
let pinyin: Pinyin | undefined;
let loading: Promise<void> | undefined;

/** Loads pinyin-pro once; identifierFrom and titleWords may be called when this has resolved. */
export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro').then((m) => { pinyin = m.pinyin; }, (err: unknown) => { loading = undefined; throw err; });
  return loading;
}

/** Starts loading the dictionary; true once identifiers can be generated. */
export function usePinyin(): boolean {
  const [ready, setReady] = useState(() => pinyin !== undefined);
  useEffect(() => {
    if (ready) return undefined;
    let live = true;
    loadPinyin().then(() => { if (live) setReady(true); }, () => undefined);
    return () => { live = false; };
  }, [ready]);
  return ready;
}

export type IdStyle = 'kebab' | 'camel' | 'upper';

/** The words of a title: each Chinese character's pinyin, each run of Latin letters/digits. */
export function titleWords(title: string): string[] {
  if (!pinyin) throw new Error('identifiers: the pinyin dictionary is not loaded yet (loadPinyin / usePinyin)');
  const words: string[] = [];
  for (const part of title.match(/[\u3400-\u9fff]+|[A-Za-z0-9]+/g) ?? []) {
    if (/^[A-Za-z0-9]+$/.test(part)) words.push(part.toLowerCase());
    else words.push(...pinyin(part, { toneType: 'none', type: 'array', v: true }).map((w) => w.toLowerCase().replace(/[^a-z]/g, '')));
  }
  return words.filter(Boolean);
}

function shape(words: string[], style: IdStyle): string {
  if (style === 'kebab') return words.join('-');
  if (style === 'upper') return words.join('_').toUpperCase();
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}

const FALLBACK: Record<IdStyle, string> = { kebab: 'ye-wu', camel: 'ziDuan', upper: 'SHI_JIAN' };

/**
 * An identifier for `title` in `style`, not among `taken`. Kebab ids start with a letter (a type
 * id must match ^[a-z][a-z0-9-]{1,62}$); camel and upper names are valid JavaScript-like names.
 */
export function identifierFrom(title: string, taken: Iterable<string> = [], style: IdStyle = 'camel', maxLength = 40): string {
  const used = new Set(taken);
  let words = titleWords(title);
  if (words.length && /^[0-9]/.test(words[0])) words = [style === 'kebab' ? 'n' : 'n', ...words];
  let base = words.length ? shape(words, style) : FALLBACK[style];
  if (base.length > maxLength) base = base.slice(0, maxLength).replace(/[-_]+$/, '');
  if (!used.has(base)) return base;
  const sep = style === 'kebab' ? '-' : style === 'upper' ? '_' : '';
  for (let i = 2; ; i++) if (!used.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}
