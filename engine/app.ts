// Starting and stopping one server process: database, validation, registry, demo seed, HTTP
// server and the durable timer poller. Used by engine/main.ts, the tests and the benchmarks.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/index.js';
import { createAjv } from './validation/index.js';
import { openRegistry } from './registry/index.js';
import { seedDemo, seedDistricts } from './seed.js';
import { buildServer } from './http/server.js';
import { canSeeCase, caseOps, startTimerPoller, type TimerPoller } from './runtime/index.js';
import type { Engine } from './context.js';
import { removeOrphanTempDirs, stopImportJobs } from './excel/index.js';
import { closePrintPool, HELPERS } from './print/index.js';
import { systemClock, type Clock } from './clock.js';
import { createLogger } from './logger.js';

/** What a server is given besides its configuration (tests pass their own clock). */
export interface EngineDeps {
  clock?: Clock;
}

export interface RunningApp {
  engine: Engine;
  server: FastifyInstance;
  timers: TimerPoller;
  url: string;
  stop(): Promise<void>;
}

export async function createEngine(config: Config, deps: EngineDeps = {}): Promise<Engine> {
  const db = await openDatabase(config.databaseUrl, { txTimeoutMs: config.txTimeoutMs, queryTimeoutMs: config.dbQueryTimeoutMs });
  const ajv = createAjv();
  const engine: Engine = {
    config, db, ajv, registry: undefined as never, status: { pdf: 'unknown' }, onCommitted: [],
    clock: deps.clock ?? systemClock, log: createLogger(config.logLevel),
  };
  try {
    const codes = await seedDistricts(engine);
    // District and street codes must exist in the installation, not only look like codes.
    ajv.addFormat('district', { type: 'string', validate: (s: string) => /^\d{6}$/.test(s) && codes.has(s) });
    ajv.addFormat('street', { type: 'string', validate: (s: string) => /^\d{9}$/.test(s) && codes.has(s) });
    engine.registry = await openRegistry(db, ajv, config.rootDir, { printHelpers: Object.keys(HELPERS) });
    engine.canSeeCase = (user, caseId) => canSeeCase(db, engine.registry.roles, user, caseId);
    engine.cases = caseOps(engine);
    if (config.seed) await seedDemo(engine);
    const orphans = await removeOrphanTempDirs();
    if (orphans) engine.log.info({ removed: orphans }, 'temporary import files left by a crash removed');
    return engine;
  } catch (err) {
    await db.close(); // a start refused (e.g. a broken definition) leaves no connection behind
    throw err;
  }
}

export async function startApp(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env, deps: EngineDeps = {}): Promise<RunningApp> {
  const config = loadConfig(env, overrides);
  const engine = await createEngine(config, deps);
  const server = await buildServer(engine);
  await server.listen({ port: config.port, host: config.host });
  const timers = startTimerPoller(engine);
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    engine, server, timers,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await timers.stop();
      await server.close();
      await stopImportJobs(engine);
      await closePrintPool(engine);
      await engine.db.close();
    },
  };
}
