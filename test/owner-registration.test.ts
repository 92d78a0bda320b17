// 业主注册: an owner registers with the registered house; name and ID number must match the
// house's registered owner. The ID number is the login name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const owner = { orgType: 'owner', areaId: 1, building: '1栋', unit: '1单元', room: '101', name: '张伟', idNumber: '11010519491231002X', mobile: '13622223333', password: 'Owner@2026x', agreementAccepted: true };

describe('业主注册', () => {
  it('an owner of a registered house registers and logs in with the ID number', async () => {
    const res = await app.client().post('/api/auth/register', owner);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ role: 'owner', district: '440604' });
    expect(res.body.org.data.entryId).toBeGreaterThan(0);
    const c = await app.login('11010519491231002X', 'Owner@2026x');
    expect((await c.get('/api/me')).body.user.role).toBe('owner');
  });

  it('a name or ID number that does not match the house is refused and nothing is written', async () => {
    const wrongName = await app.client().post('/api/auth/register', { ...owner, room: '102', name: '王五', idNumber: '440604198503120028' });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.error.details[0]).toMatchObject({ field: '/room' });
    expect(wrongName.body.error.details[0].message).toContain('未找到');
    const noHouse = await app.client().post('/api/auth/register', { ...owner, room: '999', idNumber: '440604198503120028', name: '李娜' });
    expect(noHouse.status).toBe(400);
    const badId = await app.client().post('/api/auth/register', { ...owner, idNumber: '110105194912310021' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.map((d: { field: string }) => d.field)).toContain('/idNumber');
    expect((await app.client().post('/api/auth/login', { username: '440604198503120028', password: 'Owner@2026x' })).status).toBe(401);
  });
});
