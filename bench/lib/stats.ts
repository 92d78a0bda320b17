// Statistics and interleaved rounds: every figure is the median of several rounds, variants run
// one after the other inside each round (order alternating), so a noisy neighbour hits all alike.

export const median = (xs: number[]): number => quantile(xs, 0.5);

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const min = (xs: number[]) => Math.min(...xs);
export const max = (xs: number[]) => Math.max(...xs);

export interface Variant<T = number> {
  name: string;
  run: (round: number) => Promise<T>;
}

/**
 * Runs every variant once per round; even rounds in the given order, odd rounds reversed. Returns
 * each variant's results in round order. `warmup` runs each variant once before, not counted.
 */
export async function interleave<T>(rounds: number, variants: Variant<T>[], opts: { warmup?: boolean; log?: (s: string) => void } = {}): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = Object.fromEntries(variants.map((v) => [v.name, [] as T[]]));
  if (opts.warmup) for (const v of variants) await v.run(-1);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const value = await v.run(r);
      out[v.name].push(value);
      opts.log?.(`    round ${r + 1}/${rounds} ${v.name}: ${typeof value === 'number' ? fmt(value) : JSON.stringify(value)}`);
    }
  }
  return out;
}

/** Calls fn repeatedly for `seconds` (with `concurrency` callers); returns completed calls per second. */
export async function rate(seconds: number, concurrency: number, fn: (worker: number, i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  const end = start + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let i = 0; performance.now() < end; i++) {
      await fn(w, i);
      done++;
    }
  }));
  return done / ((performance.now() - start) / 1000);
}

export function fmt(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return String(x);
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
