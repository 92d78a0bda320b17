// Runtime settings, read once from the environment. PORT and DATABASE_URL are promises to
// integrators (SPEC.md, "Demo installation"): keep their names and defaults.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  rootDir: string;
  demoPassword: string;
  timerPollMs: number;
  /** Failed attempts after which a timer is given up (dead) and shown to administrators. */
  timerMaxAttempts: number;
  /** The wait after a timer's first failure; doubled after each further one (at most an hour). */
  timerRetryMs: number;
  sessionHours: number;
  uploadLimitBytes: number;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  seed: boolean;
  logLevel: string;
  /** Which peers may set X-Forwarded-For/-Proto (Fastify trustProxy: addresses or CIDR ranges,
   * comma-separated): the client address the login limits count by must not be whatever a client
   * writes into a header. false (the default) trusts nobody: only the operator knows the proxy. */
  trustProxy: string | false;
  /** Chromium for PDF printing (Debian's package); a missing binary leaves PDF unavailable. */
  chromiumPath: string;
  /** Pages rendering PDFs at once in the one shared browser, and the time one print may take. */
  printPages: number;
  printTimeoutMs: number;
  /** Excel imports: largest .xlsx accepted, and up to which size the answer waits for the rows. */
  importLimitBytes: number;
  importSyncBytes: number;
}

export const ROOT_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // BEIAN_ROOT: where forms/, workflows/, types/, registers/, roles/, print-templates/ and seed/ live.
  const rootDir = overrides.rootDir ?? (env.BEIAN_ROOT ? path.resolve(env.BEIAN_ROOT) : ROOT_DIR);
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(rootDir, 'data', 'beian.sqlite')}`,
    rootDir,
    demoPassword: env.BEIAN_DEMO_PASSWORD || 'Beian@2026',
    timerPollMs: Number(env.BEIAN_TIMER_POLL_MS ?? 1000),
    timerMaxAttempts: Number(env.BEIAN_TIMER_MAX_ATTEMPTS ?? 8),
    timerRetryMs: Number(env.BEIAN_TIMER_RETRY_MS ?? 30_000),
    sessionHours: Number(env.BEIAN_SESSION_HOURS ?? 12),
    uploadLimitBytes: Number(env.BEIAN_UPLOAD_LIMIT ?? 20 * 1024 * 1024),
    bodyLimitBytes: Number(env.BEIAN_BODY_LIMIT ?? 2 * 1024 * 1024),
    loginMaxFailures: Number(env.BEIAN_LOGIN_MAX_FAILURES ?? 5),
    loginLockMinutes: Number(env.BEIAN_LOGIN_LOCK_MINUTES ?? 15),
    seed: env.BEIAN_SEED !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.BEIAN_TRUST_PROXY?.trim() || false,
    chromiumPath: env.BEIAN_CHROMIUM || '/usr/bin/chromium',
    printPages: Number(env.BEIAN_PRINT_PAGES ?? 4),
    printTimeoutMs: Number(env.BEIAN_PRINT_TIMEOUT_MS ?? 30_000),
    importLimitBytes: Number(env.BEIAN_IMPORT_LIMIT ?? 50 * 1024 * 1024),
    importSyncBytes: Number(env.BEIAN_IMPORT_SYNC_LIMIT ?? 1024 * 1024),
    ...overrides,
  };
}
