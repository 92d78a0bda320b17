// Durations in definitions: milliseconds as a number, or ISO 8601 (P7D, PT2H30M, P1DT12H).
// Days are natural days; working-day calendars are not modelled (documented in docs/definitions.md).

const ISO = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || value === 'P' || value === 'PT') return null;
  if (/^\d+$/.test(value)) return Number(value);
  const m = value.match(ISO);
  if (!m) return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return Math.round((((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000);
}

/** A duration taken from the case data (e.g. a plan's own frequency), with a fallback. */
export interface DataDelay { fromData: string; unit: 'day' | 'hour' | 'minute' | 'second'; default?: string | number }
export type DelaySpec = string | number | DataDelay;

const UNIT_MS = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

export function isDataDelay(v: unknown): v is DataDelay {
  return typeof v === 'object' && v !== null && typeof (v as DataDelay).fromData === 'string' && (v as DataDelay).unit in UNIT_MS;
}

/** Milliseconds of a delay spec for the given case data; null when it cannot be resolved. */
export function resolveDelay(spec: unknown, data: unknown, read: (doc: unknown, ptr: string) => unknown): number | null {
  if (!isDataDelay(spec)) return parseDuration(spec);
  const n = Number(read(data, spec.fromData));
  if (Number.isFinite(n) && n > 0) return Math.round(n * UNIT_MS[spec.unit]);
  return spec.default === undefined ? null : parseDuration(spec.default);
}
