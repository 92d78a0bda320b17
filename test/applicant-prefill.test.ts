// Rough edge 5: a filing that asks for the applicant's own organisation (its name, credit code,
// contact) opens with what the organisation registered (settings.prefill); the applicant may
// change it. A company filing an area has no developer to pre-fill: only its contact is suggested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { COMMITTEE } from './helpers/filings-b.js';
import { COMPANY, DEVELOPER } from './helpers/services.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('applicant organisation pre-filled', () => {
  it('物业区域备案: the developer\'s contact person and phone', async () => {
    const type = await (await app.login(DEVELOPER)).get('/api/types/area-filing');
    expect(type.status).toBe(200);
    expect(type.body.prefill).toEqual({ contactPerson: '陈志强', contactPhone: '13800138000' });
  });

  it('物业区域备案 by a company: its contact only, never its name as the developer', async () => {
    const type = await (await app.login(COMPANY)).get('/api/types/area-filing');
    expect(type.body.prefill).toEqual({ contactPerson: '王丽', contactPhone: '13912345678' });
  });

  it('业委会备案: the committee\'s name, code and contact', async () => {
    const type = await (await app.login(COMMITTEE)).get('/api/types/committee-filing');
    expect(type.body.prefill).toEqual({ committeeName: '锦绣花园业主委员会', committeeCode: 'MC0001X74', contactPerson: '张伟', contactPhone: '13622223333' });
  });
});
