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
