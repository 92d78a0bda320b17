// Runtime settings, read once from the environment and checked against a JSON Schema before the
// server starts: `PORT=abc` or a timer poll of 0 must stop the start with a message naming the
// variable, not run with NaN or a hot loop. PORT and DATABASE_URL are promises to integrators
// (SPEC.md, "Demo installation"): keep every variable's name and default.
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';

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
  /** A write transaction that has not settled within this time is rolled back. */
  txTimeoutMs: number;
  /** PostgreSQL: the longest a query may wait for an answer before the request answers 503. */
  dbQueryTimeoutMs: number;
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

/** A setting as the operator sees it: its variable, what it holds, and the JSON Schema of its value. */
export interface SettingSpec {
  env: string;
  /** What the setting means, for the README's table. */
  about: string;
  schema: Record<string, unknown>;
}

const MS_HOUR = 3_600_000;
const MB = 1024 * 1024;
const int = (minimum: number, maximum?: number) => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) });
const positive = (maximum: number) => ({ type: 'number', exclusiveMinimum: 0, maximum });
const text = { type: 'string', minLength: 1 };

// rootDir comes first: the SQLite default lives under it.
export const SETTINGS: { [K in keyof Config]: SettingSpec } = {
  rootDir: { env: 'BEIAN_ROOT', about: 'where forms/, workflows/, types/, registers/, roles/, print-templates/ and seed/ live', schema: text },
  port: { env: 'PORT', about: 'HTTP port (0: any free port)', schema: { ...int(0, 65535), default: 3000 } },
  host: { env: 'HOST', about: 'address the server listens on', schema: { ...text, default: '0.0.0.0' } },
  databaseUrl: {
    env: 'DATABASE_URL', about: '`sqlite:<file>` (default `sqlite:data/beian.sqlite`) or `postgres://user@host:5432/db`',
    // postgres(ql):// or a SQLite file (with or without `sqlite:`); any other scheme is a mistake.
    schema: { ...text, pattern: '^(postgres://|postgresql://|sqlite:|(?![A-Za-z][A-Za-z0-9+.-]*://))' },
  },
  demoPassword: { env: 'BEIAN_DEMO_PASSWORD', about: 'password of every demo account, set before the first start', schema: { ...text, default: 'Beian@2026' } },
  timerPollMs: { env: 'BEIAN_TIMER_POLL_MS', about: 'how often durable timers are looked for', schema: { ...int(10, MS_HOUR), default: 1000 } },
  timerMaxAttempts: { env: 'BEIAN_TIMER_MAX_ATTEMPTS', about: 'failed attempts before a timer is given up', schema: { ...int(1, 1000), default: 8 } },
  timerRetryMs: { env: 'BEIAN_TIMER_RETRY_MS', about: 'first backoff after a timer fails (doubled each time, at most an hour)', schema: { ...int(1, MS_HOUR), default: 30_000 } },
  txTimeoutMs: { env: 'BEIAN_TX_TIMEOUT_MS', about: 'write transaction time limit', schema: { ...int(1, MS_HOUR), default: 20_000 } },
  dbQueryTimeoutMs: { env: 'BEIAN_DB_QUERY_TIMEOUT_MS', about: 'PostgreSQL query timeout: a database that stops answering gives 503 instead of hanging', schema: { ...int(1, MS_HOUR), default: 15_000 } },
  sessionHours: { env: 'BEIAN_SESSION_HOURS', about: 'session lifetime in hours', schema: { ...positive(24 * 366), default: 12 } },
  uploadLimitBytes: { env: 'BEIAN_UPLOAD_LIMIT', about: 'largest uploaded file, bytes', schema: { ...int(1), default: 20 * MB } },
  bodyLimitBytes: { env: 'BEIAN_BODY_LIMIT', about: 'largest JSON request body, bytes', schema: { ...int(1), default: 2 * MB } },
  loginMaxFailures: { env: 'BEIAN_LOGIN_MAX_FAILURES', about: 'failed logins before an account is locked', schema: { ...int(1, 1000), default: 5 } },
  loginLockMinutes: { env: 'BEIAN_LOGIN_LOCK_MINUTES', about: 'how long a locked account stays locked, minutes', schema: { ...positive(7 * 24 * 60), default: 15 } },
  seed: { env: 'BEIAN_SEED', about: '`0` skips the demo accounts and sample data', schema: { type: 'boolean', default: true } },
  logLevel: { env: 'LOG_LEVEL', about: 'pino log level', schema: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' } },
  trustProxy: { env: 'BEIAN_TRUST_PROXY', about: 'addresses/CIDR ranges of the proxies that may set X-Forwarded-For (default: none)', schema: { anyOf: [text, { const: false }], default: false } },
  chromiumPath: { env: 'BEIAN_CHROMIUM', about: 'Chromium binary for PDF printing', schema: { ...text, default: '/usr/bin/chromium' } },
  printPages: { env: 'BEIAN_PRINT_PAGES', about: 'PDFs rendered at once', schema: { ...int(1, 64), default: 4 } },
  printTimeoutMs: { env: 'BEIAN_PRINT_TIMEOUT_MS', about: 'longest one print may take', schema: { ...int(1, MS_HOUR), default: 30_000 } },
  importLimitBytes: { env: 'BEIAN_IMPORT_LIMIT', about: 'largest .xlsx accepted for import, bytes', schema: { ...int(1), default: 50 * MB } },
  importSyncBytes: { env: 'BEIAN_IMPORT_SYNC_LIMIT', about: 'imports up to this size are answered with their rows; larger ones run as a job', schema: { ...int(0), default: MB } },
};

export const CONFIG_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(Object.entries(SETTINGS).map(([key, spec]) => [key, spec.schema])),
  required: Object.keys(SETTINGS),
  additionalProperties: false,
} as const;

/** A setting that is not what it must be; the message names the variable and the value given. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile<Config>(CONFIG_SCHEMA);

// A number as an operator writes it; anything else stays text so the schema's type check refuses it.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const BOOLEAN: Record<string, boolean> = { 0: false, 1: true, false: false, true: true, no: false, yes: true };

function fromEnv(raw: string, schema: Record<string, unknown>): unknown {
  const value = raw.trim();
  if (schema.type === 'integer' || schema.type === 'number') return NUMBER.test(value) ? Number(value) : raw;
  if (schema.type === 'boolean') return BOOLEAN[value.toLowerCase()] ?? raw;
  return value;
}

/** "an integer 0–65535", "a number > 0 and ≤ 24", "one of …": what a setting's schema expects. */
export function expected(schema: Record<string, unknown>): string {
  if (schema.enum) return `one of ${(schema.enum as string[]).join(', ')}`;
  if (schema.type === 'boolean') return '0 or 1';
  if (schema.anyOf) return 'a non-empty text';
  if (schema.type === 'string') return schema.pattern ? 'a postgres:// URL or a SQLite file (sqlite:<file>)' : 'a non-empty text';
  const noun = schema.type === 'integer' ? 'an integer' : 'a number';
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  if (min !== undefined && max !== undefined) return `${noun} ${min}–${max}`;
  const bounds = [
    min !== undefined ? `≥ ${min}` : schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum as number}` : '',
    max !== undefined ? `≤ ${max}` : '',
  ].filter(Boolean);
  return bounds.length ? `${noun} ${bounds.join(' and ')}` : noun;
}

function describe(errors: ErrorObject[], given: Record<string, unknown>, fromEnvVar: Set<string>): string {
  const keys = [...new Set(errors.map((e) => e.instancePath.split('/')[1] ?? '').filter((k): k is keyof Config => k in SETTINGS))];
  const lines = keys.map((key) => {
    const spec = SETTINGS[key];
    const name = fromEnvVar.has(key) ? spec.env : `${key} (${spec.env})`;
    return `${name} must be ${expected(spec.schema)}, got ${JSON.stringify(given[key])}`;
  });
  return lines.length ? lines.join('; ') : ajv.errorsText(errors);
}

/**
 * The settings from the environment (unset or empty: the default), with code's overrides on top,
 * checked against CONFIG_SCHEMA. Throws ConfigError naming every variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const given: Record<string, unknown> = {};
  const fromEnvVar = new Set<string>();
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const raw = env[spec.env];
    if (raw !== undefined && raw.trim() !== '') {
      given[key] = fromEnv(raw, spec.schema);
      fromEnvVar.add(key);
    } else if ('default' in spec.schema) {
      given[key] = spec.schema.default;
    }
  }
  given.rootDir = overrides.rootDir ?? (typeof given.rootDir === 'string' ? path.resolve(given.rootDir) : ROOT_DIR);
  given.databaseUrl ??= `sqlite:${path.join(given.rootDir as string, 'data', 'beian.sqlite')}`;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    given[key] = value;
    fromEnvVar.delete(key);
  }
  if (!validate(given)) throw new ConfigError(`invalid settings: ${describe(validate.errors ?? [], given, fromEnvVar)}`);
  return given;
}
