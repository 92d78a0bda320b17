// npm run bench:cluster [-- --cases 1000000] [--requests 4000] [--rounds 3] [--connections 50]
//                          [--pg-url postgres://…] [--out file.md]
// Two servers behind a real load balancer, the way an operator deploys them (README, "Two servers
// behind a load balancer"): one PostgreSQL database seeded with --cases cases (the seed of
// benchmark 4), two `npm start` processes on it (PORT, DATABASE_URL, BEIAN_TRUST_PROXY=127.0.0.1),
// and Debian's nginx in front with two listeners — one whose upstream is server A alone, one whose
// upstream is A and B. autocannon sends the same mix through each (the clerk's inbox, case pages,
// the developer's SUBMIT of a complete draft), interleaved over --rounds rounds; reported are the
// throughput of each, the ratio two/one, how nginx spread the requests, and where the two cores'
// time went (load generator, nginx, each server, PostgreSQL, everything else on the machine).
// Everything it starts is stopped and its database dropped at the end, also on failure or Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ROOT_DIR } from '../engine/config.js';
import { DEVELOPER, PASSWORD, benchRoot } from './lib/fixtures.js';
import { DEFAULT_PG_URL, dropAll, freshDatabase, postgresReachable, postgresVersion, type FreshDb } from './lib/databases.js';
import { startServerChild, type ServerChild } from './lib/child.js';
import { Client } from './lib/http-client.js';
import { fmt, interleave, median } from './lib/stats.js';
import { Report, type Goal } from './lib/report.js';
import { seedText, type SeedAnswer } from './inbox.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL || DEFAULT_PG_URL },
    out: { type: 'string' },
  },
});
const cases = Number(args.cases);
const amount = Math.max(100, Number(args.requests));
const rounds = Math.max(1, Number(args.rounds));
const connections = Math.max(1, Number(args.connections));
const pgUrl = args['pg-url']!;
const log = (s: string) => console.log(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- what this run started, stopped in cleanup() whatever happens ----
const processes: ChildProcess[] = [];
let seeder: ServerChild | null = null;
let workDir: string | null = null;

async function stopProcess(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill(signal);
  const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    seeder?.kill();
    // nginx stops its workers on SIGQUIT (graceful) / SIGTERM (fast); the servers on SIGTERM.
    await Promise.all(processes.map((p) => stopProcess(p)));
    await dropAll();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { void cleanup().finally(() => process.exit(130)); });

// ---- nginx ----

/** Debian's nginx binary, or null (root's PATH has /usr/sbin, a user's may not). */
function findNginx(): string | null {
  for (const bin of ['nginx', '/usr/sbin/nginx']) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return bin;
  }
  return null;
}

/**
 * The balancer's configuration: the operator's (README) with two listeners instead of one, so one
 * nginx measures one backend and two without a reload. Same proxy settings as the README's.
 */
function nginxConfig(dir: string, listenOne: number, listenTwo: number, backends: number[]): string {
  const proxy = (upstream: string) => `
    location / {
      proxy_pass http://${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      client_max_body_size 25m;
      proxy_read_timeout 120s;
      # which server answered (the bench counts how nginx spread the requests)
      add_header X-Beian-Upstream $upstream_addr always;
    }`;
  return `# written by bench/cluster.ts
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream beian_one {
    server 127.0.0.1:${backends[0]};
    keepalive 64;
  }
  upstream beian_two {
    least_conn;
${backends.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listenOne};${proxy('beian_one')}
  }
  server {
    listen 127.0.0.1:${listenTwo};${proxy('beian_two')}
  }
}
`;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Waits until url answers 200 (a loaded machine may take many seconds to start a server). */
async function waitHealthy(url: string, p: ChildProcess, what: string, ms = 180_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (p.exitCode !== null) throw new Error(`${what} exited with ${p.exitCode} before it answered`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`${what} did not answer ${url}/api/health within ${ms / 1000} s`);
}

/** One `npm start` (node --import tsx engine/main.ts), as an operator runs it behind the balancer. */
async function startBackend(databaseUrl: string, name: string): Promise<{ port: number; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'engine/main.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, BEIAN_ROOT: benchRoot(),
      BEIAN_TRUST_PROXY: '127.0.0.1', BEIAN_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  processes.push(proc);
  await waitHealthy(`http://127.0.0.1:${port}`, proc, `server ${name}`);
  return { port, proc };
}

// ---- CPU accounting: where the two cores' time went during a run ----

const TICK = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

function procCpu(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK; // utime + stime
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusy(): number {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu.split(/\s+/).slice(1).map(Number);
  return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / TICK; // user nice system irq softirq steal
}

interface Cpu { generator: number; nginx: number; serverA: number; serverB: number; postgres: number; machine: number }
interface CpuSample extends Omit<Cpu, 'postgres'> { postgres: Map<number, number> }

/** CPU seconds so far; PostgreSQL's per backend process of this database (the servers' pools). */
async function cpuNow(pgAdmin: pg.Client, dbName: string, nginxPid: number, a: number, b: number): Promise<CpuSample> {
  const pids = (await pgAdmin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName])).rows.map((r) => Number(r.pid));
  const u = process.cpuUsage();
  return {
    generator: (u.user + u.system) / 1e6,
    nginx: procCpu(nginxPid) + childrenOf(nginxPid).reduce((s, p) => s + procCpu(p), 0),
    serverA: procCpu(a), serverB: procCpu(b),
    postgres: new Map(pids.map((p) => [p, procCpu(p)])),
    machine: machineBusy(),
  };
}

/** What a run used: after − before; a PostgreSQL backend that connected during the run counts whole. */
function cpuSpent(before: CpuSample, after: CpuSample): Cpu {
  let postgres = 0;
  for (const [pid, t] of after.postgres) postgres += t - (before.postgres.get(pid) ?? 0);
  return {
    generator: after.generator - before.generator, nginx: after.nginx - before.nginx, serverA: after.serverA - before.serverA,
    serverB: after.serverB - before.serverB, postgres, machine: after.machine - before.machine,
  };
}

// ---- the mix ----

interface Run {
  rps: number; p50: number; p99: number; non2xx: number; errors: number; seconds: number;
  byUpstream: Record<string, number>; cpu: Cpu; load: number;
}

async function main() {
  const started = performance.now();
  const nginx = findNginx();
  if (!nginx) {
    console.error('nginx is not installed. This benchmark starts Debian\'s nginx as the load balancer; install it with\n  sudo apt-get install -y nginx\n(the package\'s own service need not run: the benchmark starts nginx with a configuration of its own).');
    process.exit(2);
  }
  if (!(await postgresReachable(pgUrl))) throw new Error(`PostgreSQL is not reachable at ${pgUrl} (set --pg-url or BENCH_PG_URL)`);
  const nginxVersion = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim();
  const cpus = os.cpus();
  const header = [
    '# Beian: two servers behind a load balancer',
    '',
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}; ${await postgresVersion(pgUrl)} at ${new URL(pgUrl).host}; ${nginxVersion}`,
    `- load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min; other work on this machine shows here)`,
    `- date ${new Date().toISOString()}; flags: ${JSON.stringify({ cases, requests: amount, rounds, connections })}`,
  ].join('\n');
  log(header);

  // 1. The database: the seed of benchmark 4 (bulk load), plus the developer's complete drafts to SUBMIT.
  benchRoot(); // the definitions copy, made here so the seeding child and both servers share it (and it is removed at exit)
  const db: FreshDb = await freshDatabase('postgres', 'cluster', pgUrl);
  const dbName = new URL(db.url).pathname.slice(1);
  const perRun = Math.ceil(amount / 4);
  const draftsNeeded = (rounds + 1) * 2 * perRun + 10;
  seeder = await startServerChild();
  await seeder.call('start', { databaseUrl: db.url });
  log(`  seeding ${cases.toLocaleString('en-US')} cases into ${dbName} …`);
  const seed = await seeder.call<SeedAnswer>('seed', { count: cases });
  log(`    ${seedText(seed)}; clerk1 open tasks ${seed.clerk1OpenTasks}`);
  const drafts = await seeder.call<number[]>('drafts', { count: draftsNeeded });
  log(`    ${drafts.length} complete drafts of the developer to submit`);
  await seeder.call('stop').catch(() => undefined);
  seeder.kill();
  seeder = null;

  const pgAdmin = new pg.Client({ connectionString: pgUrl });
  await pgAdmin.connect();
  const dbClient = new pg.Client({ connectionString: db.url });
  await dbClient.connect();
  const clerkCases = (await dbClient.query(`SELECT case_id FROM tasks WHERE status = 'open' AND role = 'clerk' AND district = '440604' ORDER BY id DESC LIMIT 500`)).rows.map((r) => Number(r.case_id));
  await dbClient.end();

  // 2. Two servers on the database, nginx in front.
  const a = await startBackend(db.url, 'A');
  const b = await startBackend(db.url, 'B');
  log(`  servers A :${a.port} (pid ${a.proc.pid}), B :${b.port} (pid ${b.proc.pid}), BEIAN_TRUST_PROXY=127.0.0.1`);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-cluster-'));
  fs.chmodSync(workDir, 0o755); // nginx's workers run as another user and read nothing here but need to pass
  const [one, two] = [await freePort(), await freePort()];
  const conf = path.join(workDir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(workDir, one, two, [a.port, b.port]));
  const test = spawnSync(nginx, ['-t', '-p', workDir, '-c', conf, '-e', path.join(workDir, 'error.log')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t refused the configuration:\n${test.stderr}`);
  const ngx = spawn(nginx, ['-p', workDir, '-c', conf, '-e', path.join(workDir, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] });
  processes.unshift(ngx);
  const oneUrl = `http://127.0.0.1:${one}`;
  const twoUrl = `http://127.0.0.1:${two}`;
  await waitHealthy(oneUrl, ngx, 'nginx');
  await waitHealthy(twoUrl, ngx, 'nginx');
  log(`  nginx (pid ${ngx.pid}): ${oneUrl} → A; ${twoUrl} → A + B (least_conn)`);

  // 3. Sessions through the balancer (stored in the database: valid on both servers).
  const [clerk, dev] = await Promise.all([Client.login(twoUrl, 'clerk1', PASSWORD), Client.login(twoUrl, DEVELOPER, PASSWORD)]);
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${twoUrl}/api/tasks`, { headers: { cookie: clerk.cookie } });
    if (res.status !== 200) throw new Error(`inbox through nginx: ${res.status}`);
    seen.add(res.headers.get('x-beian-upstream') ?? '?');
    await res.arrayBuffer();
  }
  if (seen.size < 2) throw new Error(`nginx sent every request to ${[...seen].join(', ')}: the second server is not behind it`);
  // Each kind of request answers as intended before timing.
  await clerk.expect(200, 'GET', `/api/cases/${clerkCases[0]}`);
  const probe = drafts.pop()!;
  await dev.expect(200, 'POST', `/api/cases/${probe}/events`, { event: 'SUBMIT', version: 1 });

  const runMix = async (url: string): Promise<Run> => {
    const byUpstream: Record<string, number> = {};
    const count = (_status: number, _body: string, _ctx: unknown, headers: Record<string, string>) => {
      const up = headers['x-beian-upstream'] ?? headers['X-Beian-Upstream'] ?? '?';
      byUpstream[up] = (byUpstream[up] ?? 0) + 1;
    };
    let c = 0;
    const casePage = {
      method: 'GET', headers: { cookie: clerk.cookie }, onResponse: count,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/cases/${clerkCases[c++ % clerkCases.length]}` }),
    };
    const before = await cpuNow(pgAdmin, dbName, ngx.pid!, a.proc.pid!, b.proc.pid!);
    const t0 = performance.now();
    const r = await autocannon({
      url, connections, pipelining: 1, timeout: 30, amount,
      requests: [
        { method: 'GET', path: '/api/tasks', headers: { cookie: clerk.cookie }, onResponse: count },
        casePage,
        {
          method: 'POST', headers: { cookie: dev.cookie, 'content-type': 'application/json' }, onResponse: count,
          setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/cases/${drafts.pop() ?? 0}/events`, body: JSON.stringify({ event: 'SUBMIT', version: 1 }) }),
        },
        casePage,
      ],
    }) as { duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number; latency: { p50: number; p99: number } };
    const seconds = (performance.now() - t0) / 1000;
    const after = await cpuNow(pgAdmin, dbName, ngx.pid!, a.proc.pid!, b.proc.pid!);
    const cpu = cpuSpent(before, after);
    return { rps: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, seconds, byUpstream, cpu, load: os.loadavg()[0] };
  };

  log(`  ${amount} requests per run (${connections} connections): GET /api/tasks (clerk1), GET /api/cases/:id (clerk1) ×2, POST /api/cases/:id/events SUBMIT (developer) — in that order on every connection`);
  const results = await interleave<Run>(rounds, [
    { name: 'one', run: () => runMix(oneUrl) },
    { name: 'two', run: () => runMix(twoUrl) },
  ], { warmup: true, log: (s) => log(s.replace(/\{.*\}/, (j) => { const x = JSON.parse(j) as Run; return `${fmt(x.rps)} req/s p50 ${x.p50} ms p99 ${x.p99} ms${x.non2xx ? ` non-2xx ${x.non2xx}` : ''}${x.errors ? ` errors ${x.errors}` : ''} load ${x.load.toFixed(1)} by server ${JSON.stringify(x.byUpstream)}`; })) });
  await pgAdmin.end();

  // 4. The report.
  const report = new Report();
  const lat = (xs: Run[]) => `p50 ${median(xs.map((x) => x.p50)).toFixed(0)} ms, p99 ${median(xs.map((x) => x.p99)).toFixed(0)} ms`;
  const bad = (xs: Run[]) => { const n = xs.reduce((s, x) => s + x.non2xx + x.errors, 0); return n ? `; ${n} non-2xx/errors` : ''; };
  const ratios = results.two.map((x, i) => x.rps / results.one[i].rps);
  const m = median(ratios);
  const goal: Goal = { text: '> 1× (rises)', met: m > 1, detail: m > 1 ? undefined : `${fmt(m, 2)}×: no gain from the second server` };
  report.add({ section: 'C', name: 'mix through nginx, one server (A)', unit: 'req/s', values: results.one.map((x) => x.rps), text: lat(results.one) + bad(results.one) });
  report.add({ section: 'C', name: 'mix through nginx, two servers (A + B)', unit: 'req/s', values: results.two.map((x) => x.rps), text: lat(results.two) + bad(results.two), ratio: { values: ratios, against: 'one server' }, goal });
  const share = (xs: Run[]) => {
    const tot: Record<string, number> = {};
    for (const x of xs) for (const [k, v] of Object.entries(x.byUpstream)) tot[k] = (tot[k] ?? 0) + v;
    const all = Object.values(tot).reduce((s, v) => s + v, 0);
    return Object.entries(tot).map(([k, v]) => `${k === `127.0.0.1:${a.port}` ? 'A' : k === `127.0.0.1:${b.port}` ? 'B' : k} ${(v / all * 100).toFixed(0)} %`).join(', ');
  };
  report.add({ section: 'C', name: 'requests per server, two servers', unit: '', text: share(results.two) });
  for (const key of ['one', 'two'] as const) {
    const xs = results[key];
    const perSecond = (f: (c: Cpu) => number) => median(xs.map((x) => f(x.cpu) / x.seconds));
    const parts: Array<[string, (c: Cpu) => number]> = [
      ['autocannon', (c) => c.generator], ['nginx', (c) => c.nginx], ['server A', (c) => c.serverA], ['server B', (c) => c.serverB],
      ['PostgreSQL (this database)', (c) => c.postgres],
      ['everything else on the machine', (c) => c.machine - c.generator - c.nginx - c.serverA - c.serverB - c.postgres],
    ];
    report.add({
      section: 'C', name: `CPU during the ${key === 'one' ? 'one-server' : 'two-server'} runs (cores busy, of ${cpus.length})`, unit: '',
      text: `${parts.map(([label, f]) => `${label} ${perSecond(f).toFixed(2)}`).join(', ')}; machine ${perSecond((c) => c.machine).toFixed(2)}`,
    });
  }
  report.add({ section: 'C', name: `database: ${seed.total.toLocaleString('en-US')} cases`, unit: '', text: seedText(seed) });
  report.notes.push(`C: ${amount} requests per run through nginx (${connections} connections; per connection in turn: the clerk's inbox, a case page, the developer's SUBMIT of a complete draft, a case page), ${rounds} interleaved rounds after a warm-up; req/s counts 2xx answers.`);
  report.notes.push(`load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
  const table = report.render('Two servers behind nginx (PostgreSQL)');
  console.log(`\n${table}\n`);
  if (args.out) fs.writeFileSync(args.out, `${header}\n\n${table}\n`);
}

main().then(async () => {
  await cleanup();
  process.exit(0);
}, async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
