import { describe, it, expect } from 'vitest';
import { hashPassword, verifyPassword, passwordWeakness } from '../engine/auth/index.js';

describe('密码的保存与校验', () => {
  it('stores a salted scrypt hash, never the password', async () => {
    const hash = await hashPassword('Beian@2026');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('Beian@2026');
    // A fresh salt each time: two users with the same password get different hashes.
    expect(await hashPassword('Beian@2026')).not.toBe(hash);
  });

  it('accepts the right password and refuses any other', async () => {
    const hash = await hashPassword('Beian@2026');
    expect(await verifyPassword('Beian@2026', hash)).toBe(true);
    expect(await verifyPassword('beian@2026', hash)).toBe(false);
    expect(await verifyPassword('Beian@2026 ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('Beian@2026', 'plaintext')).toBe(false);
    expect(await verifyPassword('Beian@2026', 'md5$abc$def')).toBe(false);
  });
});

describe('密码强度规则', () => {
  it.each(['Beian@2026', 'abcD1234', 'abc@1234', 'ABC@1234', '物业管理Ab12'])('accepts %s', (pw) => {
    expect(passwordWeakness(pw)).toBeNull();
  });

  it('tells the user the length rule', () => {
    expect(passwordWeakness('Ab@1')).toBe('密码长度应为 8–64 位');
    expect(passwordWeakness(`Ab@1${'x'.repeat(61)}`)).toBe('密码长度应为 8–64 位');
  });

  it('asks for three kinds of characters', () => {
    for (const pw of ['abcdefgh', '12345678', 'abcd1234', 'ABCDabcd', '!!!!1111']) {
      expect(passwordWeakness(pw)).toBe('密码应至少包含大写字母、小写字母、数字、符号中的三类');
    }
  });
});
