// A real server in its own process (`node --import tsx engine/main.ts`), for the fault tests: it can
// be SIGKILLed mid-request, two of them can share one PostgreSQL, and its stdout can be read. Start
// waits for /api/health (a loaded two-core machine may take many seconds to start one) and fails at
// once if the process dies first.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT_DIR } from '../../engine/config.js';
import { Client, DEMO_PASSWORD } from './app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far (when `capture` was set). */
  output(): string;
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>;
  login(username: string, password?: string): Promise<Client>;
}

export interface SpawnOptions {
  databaseUrl: string;
  /** BEIAN_ROOT: the definitions tree (a fixture root). */
  root: string;
  env?: Record<string, string>;
  /** Keep stdout and stderr in memory (otherwise stderr goes to the test's stderr, stdout is dropped). */
  capture?: boolean;
  startTimeoutMs?: number;
}

export async function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'engine/main.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: opts.databaseUrl, BEIAN_ROOT: opts.root,
      BEIAN_TIMER_POLL_MS: '100', LOG_LEVEL: 'silent', ...opts.env,
    },
    stdio: ['ignore', opts.capture ? 'pipe' : 'ignore', opts.capture ? 'pipe' : 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { exitCode = code; resolve(code); }));
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child, port, url, exited,
    output: () => Buffer.concat(chunks).toString('utf8'),
    async kill() {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
    },
    async login(username, password = DEMO_PASSWORD) {
      const c = new Client(url);
      const res = await c.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} at ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
  };
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before it answered\n${server.output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return server;
    } catch { /* not listening yet */ }
    await sleep(150);
  }
  await server.kill();
  throw new Error(`server did not answer /api/health within ${opts.startTimeoutMs ?? 90_000} ms`);
}
