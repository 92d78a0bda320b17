// Message and date helpers the rules (engine/vocabulary/rules) share with the rest of the engine:
// measured values filled into a rule's message, whole days between dates, the same day years later.

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Fills {name} placeholders from vars, leaving unknown ones as written. */
export function fillMessage(message: string, vars: Record<string, unknown>): string {
  return message.replace(/\{([\w.]+)\}/g, (all, k: string) => (blank(vars[k]) || typeof vars[k] === 'object' ? all : String(vars[k])));
}

/** Whole days from a to b (ISO dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

/** The same day n years later (29 February → 28 February), as an ISO date. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
