// Starts bench/server-child.ts in its own Node process (with tsx) and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './fixtures.js';

export interface ServerChild {
  call<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  pid: number;
  kill(): void;
}

export async function startServerChild(): Promise<ServerChild> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'server-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A bulk load builds each index over a million rows in one statement: longer than the server's
    // PostgreSQL query timeout (15 s) on a loaded machine.
    env: { ...process.env, LOG_LEVEL: 'silent', BEIAN_DB_QUERY_TIMEOUT_MS: process.env.BEIAN_DB_QUERY_TIMEOUT_MS || '3600000' },
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server child exited (${code}) before it was ready`)));
  });
  child.on('message', (m: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.result);
    else p?.reject(new Error(`server child: ${m.error}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`server child exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    call<T>(cmd: string, args: Record<string, unknown> = {}) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, args });
      });
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
