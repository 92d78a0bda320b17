// Who may say who the client is: by default nobody (X-Forwarded-For from anyone is ignored, a LAN
// client included); with BEIAN_TRUST_PROXY the operator names the proxy whose header counts.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../engine/config.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const apps: TestApp[] = [];
afterAll(async () => { await Promise.all(apps.map((a) => a.close())); });

/** 31 failed logins, each claiming another client address through X-Forwarded-For. */
async function spoofedBurst(app: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 1; i <= 31; i++) {
    const res = await app.client().post('/api/auth/login', { username: `spoof-${i}`, password: 'Guess#123abc' }, { 'x-forwarded-for': `192.168.7.${i}` });
    statuses.push(res.status);
  }
  return statuses;
}

describe('X-Forwarded-For 仅信任运维人员配置的代理', () => {
  it('reads BEIAN_TRUST_PROXY; unset or empty trusts nobody', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ BEIAN_TRUST_PROXY: ' ' }).trustProxy).toBe(false);
    expect(loadConfig({ BEIAN_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).trustProxy).toBe('10.0.0.5, 10.0.1.0/24');
  });

  it('by default a client that invents a new address per attempt is still one address: the 31st failure is refused', async () => {
    const app = await startTestApp();
    apps.push(app);
    const statuses = await spoofedBurst(app);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  }, 60_000);

  it('behind a proxy the operator named, each forwarded address has its own limit', async () => {
    const app = await startTestApp({ trustProxy: '127.0.0.1' });
    apps.push(app);
    expect((await spoofedBurst(app)).every((s) => s === 401)).toBe(true);
  }, 60_000);
});
