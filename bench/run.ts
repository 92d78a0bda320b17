// npm run bench [-- --db sqlite|postgres|both] [--rounds 5] [--seconds 1] [--duration 10]
//                  [--cases 100000] [--requests 200] [--only 1,2,3,4] [--pg-url postgres://…] [--out file.md]
// Prints the machine, then one table per database: every figure is the median of --rounds
// interleaved rounds with its spread, and a ratio against a baseline measured in the same run.
// See bench/README.md for what each benchmark does.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BUILTIN_TYPES, FIXTURE_TYPES, benchEngine, benchRoot, prepareFixture } from './lib/fixtures.js';
import { DEFAULT_PG_URL, dropAll, freshDatabase, postgresReachable, postgresVersion, sqliteVersion, type Kind } from './lib/databases.js';
import { startServerChild, type ServerChild } from './lib/child.js';
import { Report } from './lib/report.js';
import { benchTransition } from './transition.js';
import { benchFiling } from './filing.js';
import { benchHttp } from './http.js';
import { benchInbox } from './inbox.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    cases: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    only: { type: 'string', default: '1,2,3,4' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL || DEFAULT_PG_URL },
    out: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const rounds = Math.max(1, Number(args.rounds)); // the README's figures use ≥ 5
const seconds = Number(args.seconds);
const duration = Number(args.duration);
const only = new Set(args.only!.split(',').map((s) => s.trim()));
const pgUrl = args['pg-url']!;
const log = (s: string) => { if (!args.quiet) console.log(s); };

let child: ServerChild | null = null;
const cleanup = async () => {
  child?.kill();
  await dropAll();
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { void cleanup().finally(() => process.exit(130)); });

async function runOn(kind: Kind): Promise<{ table: string; plans: string[] }> {
  const report = new Report();
  const plans: string[] = [];
  const t0 = performance.now();
  console.log(`\n## ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}\n`);
  const inproc = await freshDatabase(kind, 'inproc', pgUrl);
  const srv = await freshDatabase(kind, 'server', pgUrl);
  child = await startServerChild();
  const server = await child.call<{ url: string; bareUrl: string; fileIds: string[]; sample: Record<string, unknown> }>('start', { databaseUrl: srv.url });
  log(`  server ${server.url} (pid ${child.pid}), bare route ${server.bareUrl}`);
  const engine = await benchEngine(inproc.url);
  const fixture = await prepareFixture(engine);
  const ctx = { db: inproc, engine, fixture, rounds, seconds, report, log };
  try {
    if (only.has('1')) {
      log('  1. persisted transition');
      await benchTransition(ctx);
    }
    if (only.has('2')) {
      log('  2. whole filing');
      await benchFiling(ctx, server);
    }
    await engine.db.close();
    if (only.has('3')) {
      log('  3. HTTP throughput');
      await benchHttp({ child, url: server.url, bareUrl: server.bareUrl, sample: server.sample, rounds, duration, report, log });
    }
    if (only.has('4')) {
      log('  4. inbox at scale');
      await benchInbox({ child, url: server.url, cases: Number(args.cases), requests: Number(args.requests), rounds, report, log, plans });
    }
  } finally {
    await child.call('stop').catch(() => child?.kill());
    child = null;
    await inproc.drop();
    await srv.drop();
  }
  report.notes.push(`${kind}: load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}; measured in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${rounds} rounds; --seconds ${seconds} per variant per round for 1 and 2.`);
  return { table: report.render(kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'), plans };
}

async function main() {
  const started = performance.now();
  let kinds: Kind[];
  const reachable = await postgresReachable(pgUrl);
  if (args.db === 'sqlite') kinds = ['sqlite'];
  else if (args.db === 'postgres') {
    if (!reachable) throw new Error(`PostgreSQL is not reachable at ${pgUrl}`);
    kinds = ['postgres'];
  } else kinds = reachable ? ['sqlite', 'postgres'] : ['sqlite'];

  const rootDir = benchRoot();
  const cpu = os.cpus();
  const header = [
    '# Beian benchmarks',
    '',
    `- machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}; ${await sqliteVersion()}${reachable ? `; ${await postgresVersion(pgUrl)} at ${new URL(pgUrl).host}` : '; PostgreSQL not reachable'}`,
    `- types: ${process.env.BENCH_ALL_TYPES === '1' ? 'every type of the work tree' : `built-in ${BUILTIN_TYPES.join(', ')} (copied from the work tree to ${rootDir})`} + bench fixtures ${FIXTURE_TYPES.join(', ')}`,
    `- load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min; other work on this machine shows here)`,
    `- date ${new Date().toISOString()}; databases: ${kinds.join(', ')}; flags: ${JSON.stringify({ rounds, seconds, duration, cases: Number(args.cases), requests: Number(args.requests), only: [...only] })}`,
  ].join('\n');
  console.log(header);

  const sections: string[] = [header];
  for (const kind of kinds) {
    const { table, plans } = await runOn(kind);
    console.log(`\n${table}\n`);
    sections.push(table);
    if (plans.length) {
      const text = `### Query plans and indexes (${kind})\n\n\`\`\`\n${plans.join('\n')}\n\`\`\``;
      console.log(text);
      sections.push(text);
    }
  }
  if (kinds.length > 1) {
    console.log('\n# Summary\n');
    for (const s of sections.filter((x) => x.startsWith('### ') && !x.startsWith('### Query'))) console.log(`${s}\n`);
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (args.out) fs.writeFileSync(args.out, sections.join('\n\n') + '\n');
}

main().then(async () => {
  await dropAll();
  process.exit(0);
}, async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
