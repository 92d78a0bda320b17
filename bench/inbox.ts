// 4. Inbox at scale: the server's database is topped up to --cases cases (default 100,000) with
// one open task each, bulk-inserted (types area-filing, bench-review, bench-ping-pong; every
// state that has a task; 55 % 禅城区 / 45 % 南海区; 10 % owned by the demo developer, the rest by
// 200 other organisations). Then one request at a time over HTTP, each query kind in turn per
// round, latency measured at the client (keep-alive, so it is the server's time plus loopback).
import type { ServerChild } from './lib/child.js';
import { Client } from './lib/http-client.js';
import { DEVELOPER, PASSWORD } from './lib/fixtures.js';
import { interleave, max, min, quantile } from './lib/stats.js';
import { latencyGoal, type Report } from './lib/report.js';

export interface SeedAnswer {
  seeded: number; total: number; seconds: number; cpuSeconds?: number; indexSeconds: number; databaseBytes: number;
  clerk1OpenTasks: number; developerCases: number; byType?: Record<string, number>; byDistrict?: Record<string, number>;
}

/** The seed's time, rate and the database's size, as printed and reported. */
export function seedText(seed: SeedAnswer): string {
  const rate = seed.seeded ? `, ${Math.round(seed.seeded / seed.seconds).toLocaleString('en-US')} cases/s` : '';
  const idx = seed.indexSeconds ? ` (of which ${seed.indexSeconds.toFixed(0)} s building the indexes after the rows)` : '';
  const cpu = seed.seeded && seed.cpuSeconds !== undefined ? `; ${seed.cpuSeconds.toFixed(0)} s of CPU in the seeding process` : '';
  return `seeded ${seed.seeded.toLocaleString('en-US')} cases in ${seed.seconds.toFixed(0)} s${rate}${idx}${cpu}; database ${(seed.databaseBytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`;
}

export async function benchInbox(opts: {
  child: ServerChild; url: string; cases: number; requests: number; rounds: number; report: Report; log: (s: string) => void; plans: string[];
}) {
  const { child, url, report } = opts;
  const seed = await child.call<SeedAnswer>('seed', { count: opts.cases });
  opts.log(`    ${seedText(seed)}; clerk1 open tasks ${seed.clerk1OpenTasks}; developer's cases ${seed.developerCases}`);
  const numbers = await child.call<string[]>('numbers', { limit: 200 });
  const [clerk, dev] = await Promise.all([Client.login(url, 'clerk1', PASSWORD), Client.login(url, DEVELOPER, PASSWORD)]);

  let q = 0;
  const kinds: Array<{ name: string; client: Client; path: () => string }> = [
    { name: `inbox: GET /api/tasks as clerk1 (${seed.clerk1OpenTasks} open)`, client: clerk, path: () => '/api/tasks' },
    { name: 'inbox filtered: ?type=area-filing&state=submitted', client: clerk, path: () => '/api/tasks?type=area-filing&state=submitted' },
    { name: 'inbox overdue: ?overdue=true', client: clerk, path: () => '/api/tasks?overdue=true' },
    { name: 'inbox search by business number: ?q=<number>', client: clerk, path: () => `/api/tasks?q=${encodeURIComponent(numbers[q++ % numbers.length])}` },
    { name: 'case list as clerk1 (department): GET /api/cases', client: clerk, path: () => '/api/cases' },
    { name: 'case list as clerk1, ?type=bench-review&status=active', client: clerk, path: () => '/api/cases?type=bench-review&status=active' },
    { name: `case list as the developer (${seed.developerCases} cases)`, client: dev, path: () => '/api/cases' },
  ];
  // Each answers 200 with rows before timing (a search must find its case).
  for (const k of kinds) {
    const res = await k.client.expect(200, 'GET', k.path());
    if (!res.body.items?.length) throw new Error(`${k.name}: no rows`);
  }
  q = 0;
  const per = Math.ceil(opts.requests / opts.rounds);
  const results = await interleave<number[]>(opts.rounds, kinds.map((k) => ({
    name: k.name,
    run: async () => {
      const times: number[] = [];
      for (let i = 0; i < per; i++) {
        const t = performance.now();
        const res = await k.client.request('GET', k.path());
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${k.name}: ${res.status}`);
      }
      return times;
    },
  })), { warmup: false, log: (s) => opts.log(s.replace(/\[.*\]/, (j) => { const xs = JSON.parse(j) as number[]; return `p50 ${quantile(xs, 0.5).toFixed(1)} ms p99 ${quantile(xs, 0.99).toFixed(1)} ms`; })) });

  for (const k of kinds) {
    const rounds = results[k.name];
    const all = rounds.flat();
    const p50 = quantile(all, 0.5);
    const p99 = quantile(all, 0.99);
    const roundP99 = rounds.map((r) => quantile(r, 0.99));
    report.add({
      section: '4', name: k.name, unit: 'ms', text: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${all.length} requests (round p99 ${min(roundP99).toFixed(1)}–${max(roundP99).toFixed(1)})`,
      goal: latencyGoal('p99', p99, 50),
    });
  }
  report.add({ section: '4', name: `database: ${seed.total.toLocaleString('en-US')} cases`, unit: '', text: seedText(seed) });
  report.notes.push(`4: ${seed.total.toLocaleString('en-US')} cases with one open task each (by type ${JSON.stringify(seed.byType ?? {})}, by district ${JSON.stringify(seed.byDistrict ?? {})}); ${opts.requests} sequential requests per query in ${opts.rounds} interleaved rounds; latency at the client.`);
  opts.plans.push(await child.call<string>('plans', { number: numbers[0] }));
}
