// Rough edge 5: a filing that asks for the applicant's own organisation (its name, credit code,
// contact) opens with what the organisation registered (settings.prefill); the applicant may
// change it. 物业区域备案's 开发建设单位 is the developer's own name only when a developer files it
// ({ from, roles: ["developer"] }); a company filing an area names someone else there, so only its
// contact is suggested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionError } from '../engine/registry/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { COMMITTEE } from './helpers/filings-b.js';
import { COMPANY, DEVELOPER } from './helpers/services.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('applicant organisation pre-filled', () => {
  it('物业区域备案 by a developer: its own name and credit code as 开发建设单位, its contact person and phone', async () => {
    const type = await (await app.login(DEVELOPER)).get('/api/types/area-filing');
    expect(type.status).toBe(200);
    expect(type.body.prefill).toEqual({
      contactPerson: '陈志强', contactPhone: '13800138000', developerName: '佛山市锦绣房地产开发有限公司', developerCode: DEVELOPER,
    });
  });

  it('物业区域备案 by a company: its contact only, never its name as the developer', async () => {
    const type = await (await app.login(COMPANY)).get('/api/types/area-filing');
    expect(type.body.prefill).toEqual({ contactPerson: '王丽', contactPhone: '13912345678' });
  });

  it('业委会备案: the committee\'s name, code and contact', async () => {
    const type = await (await app.login(COMMITTEE)).get('/api/types/committee-filing');
    expect(type.body.prefill).toEqual({ committeeName: '锦绣花园业主委员会', committeeCode: 'MC0001X74', contactPerson: '张伟', contactPhone: '13622223333' });
  });

  it('a prefill for a role the installation does not have is refused when published', async () => {
    const current = app.engine.registry.current('area-filing')!;
    const org = { ...current.settings.prefill!.org, '/developerName': { from: '/name', roles: ['landlord'] as [string] } };
    const publishing = app.engine.registry.publish({ ...current, settings: { ...current.settings, prefill: { org } } }, { source: 'test' });
    await expect(publishing).rejects.toBeInstanceOf(DefinitionError);
    await expect(publishing).rejects.toThrow(/unknown role "landlord"/);
  });

  // Last: it publishes a new version of 物业区域备案.
  it('an older definition, with plain pointers only, still publishes and prefills as before', async () => {
    const current = app.engine.registry.current('area-filing')!;
    const org = { '/contactPerson': '/data/contactPerson', '/contactPhone': '/data/mobile' };
    const published = await app.engine.registry.publish({ ...current, settings: { ...current.settings, prefill: { org } } }, { source: 'test' });
    expect(published.version).toBeGreaterThan(current.version);
    const type = await (await app.login(DEVELOPER)).get('/api/types/area-filing');
    expect(type.body.prefill).toEqual({ contactPerson: '陈志强', contactPhone: '13800138000' });
  });
});
