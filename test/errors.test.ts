// The error registry (engine/errors.ts) and its documentation (docs/errors.md) list the same
// codes, with the same status and audience: a code added, removed or changed on one side only fails.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { AppError, ERRORS, type ErrorCode } from '../engine/errors.js';

interface DocRow { code: string; status: number; audience: string; message: string; when: string }

function documented(): DocRow[] {
  const text = fs.readFileSync(path.join(ROOT_DIR, 'docs', 'errors.md'), 'utf8');
  return text.split('\n')
    .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
    .map((line) => {
      const [code, status, audience, message, when] = line.split('|').slice(1, -1).map((c) => c.trim());
      return { code: code.replace(/`/g, ''), status: Number(status), audience, message, when };
    });
}

describe('error codes: registry and docs/errors.md', () => {
  const rows = documented();
  const registry = Object.keys(ERRORS) as ErrorCode[];

  it('every code in the registry is documented', () => {
    const missing = registry.filter((code) => !rows.some((r) => r.code === code));
    expect(missing, 'add a row to docs/errors.md for each').toEqual([]);
  });

  it('every documented code exists in the registry', () => {
    const unknown = rows.map((r) => r.code).filter((code) => !(code in ERRORS));
    expect(unknown, 'remove these rows from docs/errors.md or add the codes to engine/errors.ts').toEqual([]);
  });

  it('each code is documented once, with its status, audience, message template and when it happens', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      const def = ERRORS[r.code as ErrorCode];
      expect([r.code, r.status, r.audience, r.message]).toEqual([r.code, def.status, def.audience, def.message]);
      expect(r.when.length, `${r.code}: say when it happens`).toBeGreaterThan(10);
    }
  });

  it('statuses fit the audience: users get 4xx, operators 503, developers 500', () => {
    for (const code of registry) {
      const { status, audience } = ERRORS[code];
      if (audience === 'user') expect(status, code).toBeGreaterThanOrEqual(400);
      if (audience === 'user') expect(status, code).toBeLessThan(500);
      if (audience !== 'user') expect(status, code).toBeGreaterThanOrEqual(500);
    }
  });

  it('messages are Chinese templates and render their parameters', () => {
    for (const code of registry) expect(ERRORS[code].message, code).toMatch(/[\u4e00-\u9fff]|^\{message\}$/);
    const err = new AppError('LOGIN_LOCKED', { minutes: 15 });
    expect(err.toJSON()).toEqual({ error: { code: 'LOGIN_LOCKED', message: '登录失败次数过多，请 15 分钟后再试', details: undefined } });
    expect(err.status).toBe(429);
  });
});
