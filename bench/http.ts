// 3. HTTP throughput with autocannon (50 connections, 127.0.0.1) against the real server in its
// own process, interleaved with the bare route of the same process:
//   submit: each request is POST /api/cases/:id/events {"event":"SUBMIT","version":1} as the
//           developer, on its own complete area-filing draft prepared beforehand, as many as the measured rate
//           needs for the round (bulk-seeded:
//           draft row + its open task + its three attachment links, in 南海区 so clerk1's inbox
//           stays the same); the server validates the whole form and the rules, runs the
//           transition in one transaction and answers the case view (as the UI does).
//   inbox:  each request is GET /api/tasks as clerk1 (first page, 20 rows, the count of all rows).
//   bare:   each request is POST /bare/submit {"data": <the same complete area filing>}: Fastify
//           body schema, ajv validation of the same form schema, one INSERT through engine.db.tx.
import autocannon from 'autocannon';
import type { ServerChild } from './lib/child.js';
import { Client } from './lib/http-client.js';
import { DEVELOPER, PASSWORD } from './lib/fixtures.js';
import { interleave, median } from './lib/stats.js';
import { combine, latencyGoal, ratioGoal, type Report } from './lib/report.js';

interface Run { rps: number; p50: number; p99: number; non2xx: number; errors: number; total: number }

interface AutocannonResult {
  duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number;
  requests: { total: number }; latency: { p50: number; p99: number };
}

// The rate is 2xx answers over the time from the first request to the last answer, timed here:
// autocannon's own `duration` is only read at its 1-second tick, so a run of a fixed `amount` that
// ends after 0.3 s counts as 1 s, and a rate calibrated from it can never rise above itself.
function cannon(opts: Record<string, unknown>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const instance = autocannon({ connections: 50, pipelining: 1, timeout: 30, ...opts }, (err, result) => {
      if (err) return reject(err);
      const r = result as AutocannonResult;
      const seconds = Math.max((last - start) / 1000, 0.001);
      resolve({ rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total: r.requests.total });
    });
    instance.on('response', () => { last = performance.now(); });
  });
}

export async function benchHttp(opts: {
  child: ServerChild; url: string; bareUrl: string; sample: Record<string, unknown>;
  rounds: number; duration: number; report: Report; log: (s: string) => void;
}) {
  const { child, url, bareUrl, sample, report } = opts;
  const roundSeconds = Math.max(1, opts.duration / opts.rounds);
  const seed = await child.call<{ clerk1OpenTasks: number; total: number }>('seed', { count: 10_000, orgCount: 200 });
  opts.log(`    seeded ${seed.total} cases; clerk1 has ${seed.clerk1OpenTasks} open tasks`);
  const [dev, clerk] = await Promise.all([Client.login(url, DEVELOPER, PASSWORD), Client.login(url, 'clerk1', PASSWORD)]);

  // Each SUBMIT needs a draft of its own. A run sends a fixed number of requests (autocannon's
  // `amount`) sized from the rate measured in the previous run for the round's seconds, with the
  // drafts prepared first: the run can never outpace its drafts, however fast the machine is,
  // and it still lasts about as long as the other variants. The warm-up run calibrates.
  const drafts: number[] = [];
  let lastRate = 200;
  const submitRun = async (seconds: number) => {
    const amount = Math.max(100, Math.ceil(lastRate * seconds));
    if (drafts.length < amount) drafts.push(...(await child.call<number[]>('drafts', { count: amount - drafts.length })));
    const r = await cannon({
      url, amount,
      headers: { cookie: dev.cookie, 'content-type': 'application/json' },
      requests: [{
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const id = drafts.pop();
          return { ...req, path: `/api/cases/${id ?? 0}/events`, body: JSON.stringify({ event: 'SUBMIT', version: 1 }) };
        },
      }],
    });
    if (r.rps > 0) lastRate = r.rps;
    return r;
  };
  const bareBody = JSON.stringify({ data: { ...sample, projectName: '基准直写' } });
  const bareRun = (seconds: number) => cannon({ url: `${bareUrl}/bare/submit`, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: bareBody });
  const inboxRun = (seconds: number) => cannon({ url: `${url}/api/tasks`, duration: seconds, headers: { cookie: clerk.cookie } });

  // Sanity: each request kind answers as intended before timing.
  const probe = await dev.expect(201, 'POST', '/api/cases', { type: 'area-filing', data: { ...sample, projectName: '基准探针' } });
  await dev.expect(200, 'POST', `/api/cases/${probe.body.id}/events`, { event: 'SUBMIT', version: probe.body.version });
  await clerk.expect(200, 'GET', '/api/tasks');

  const results = await interleave<Run>(opts.rounds, [
    { name: 'bare', run: (r) => bareRun(r < 0 ? 1 : roundSeconds) },
    { name: 'submit', run: (r) => submitRun(r < 0 ? 1 : roundSeconds) },
    { name: 'inbox', run: (r) => inboxRun(r < 0 ? 1 : roundSeconds) },
  ], { warmup: true, log: (s) => opts.log(s.replace(/\{.*\}/, (j) => { const x = JSON.parse(j) as Run; return `${x.rps.toFixed(0)} req/s p50 ${x.p50} ms p99 ${x.p99} ms${x.non2xx ? ` non-2xx ${x.non2xx}` : ''}${x.errors ? ` errors ${x.errors}` : ''}`; })) });

  const bare = results.bare.map((x) => x.rps);
  const lat = (xs: Run[]) => `p50 ${median(xs.map((x) => x.p50)).toFixed(0)} ms, p99 ${median(xs.map((x) => x.p99)).toFixed(0)} ms (p99 ${Math.min(...xs.map((x) => x.p99))}–${Math.max(...xs.map((x) => x.p99))})`;
  const bad = (xs: Run[]) => { const n = xs.reduce((a, x) => a + x.non2xx + x.errors, 0); return n ? `; ${n} non-2xx/errors` : ''; };
  report.add({ section: '3', name: 'bare Fastify route: ajv + 1 INSERT via engine.db.tx', unit: 'req/s', values: bare, text: lat(results.bare) + bad(results.bare) });
  for (const [key, label] of [['submit', 'POST /api/cases/:id/events SUBMIT (prepared draft)'], ['inbox', `GET /api/tasks as clerk1 (${seed.clerk1OpenTasks} open tasks)`]] as const) {
    const xs = results[key];
    const ratios = xs.map((x, i) => x.rps / bare[i]);
    const p99 = median(xs.map((x) => x.p99));
    report.add({
      section: '3', name: label, unit: 'req/s', values: xs.map((x) => x.rps), text: lat(xs) + bad(xs),
      ratio: { values: ratios, against: 'bare route' }, goal: combine(ratioGoal(ratios, 0.5), latencyGoal('p99', p99, 100)),
    });
  }
  report.notes.push(`3: autocannon, 50 connections, ${opts.rounds} interleaved rounds of ${roundSeconds} s per endpoint (--duration ${opts.duration} s in total per endpoint); req/s counts 2xx answers only.`);
}
