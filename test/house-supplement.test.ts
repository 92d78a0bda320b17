// 房屋信息补充 over HTTP: after the area filing, the developer chooses its registered area and the
// 交存时点, imports the houses as rows and submits; the window returns it once, the developer
// corrects and resubmits, the clerk accepts, the reviewer approves, and the houses are registered to
// the area. Then the reject path, the area-total warning, and every bad row refused at its cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import {
  DEVELOPER, OTHER_COMPANY, SEEDED_AREA, acceptAndApprove, clerkDoes, createAndSubmit, detailOn, exampleWithFiles, idNumber,
  reviewerDoes, submitAll,
} from './helpers/filings-a.js';
import schema from '../forms/house-supplement.schema.json';

const TYPE = 'house-supplement';
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const house = (room: string, extra: Record<string, unknown> = {}) =>
  ({ building: '5栋', unit: '2单元', floor: Number(room.slice(0, -2)), room, buildingArea: 88, innerArea: 70, usage: '住宅', ...extra });

describe('房屋信息补充', () => {
  it('the seeded area 锦绣花园 is register entry 1, the one the examples choose', async () => {
    const areas = await app.client().get('/api/public/areas?q=锦绣花园');
    expect(areas.body.items).toHaveLength(1);
    expect(areas.body.items[0].id).toBe(SEEDED_AREA);
  });

  it('developer imports houses, clerk returns, developer corrects, accepted and approved: the houses belong to the area', async () => {
    const dev = await app.login(DEVELOPER);
    // The form opens with the developer's contact details.
    const type = await dev.get(`/api/types/${TYPE}`);
    expect(type.body.prefill).toEqual({ contactPerson: '陈志强', contactPhone: '13800138000' });
    expect(type.body.canStart).toBe(true);

    const data = await exampleWithFiles(dev, schema);
    const { created, submitted } = await createAndSubmit(dev, TYPE, data);
    expect(created.number).toMatch(/^FWBC-\d{4}-\d{6}$/);
    expect(created.title).toBe('锦绣花园');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    // The district comes from the chosen area: the clerk of 禅城区 has the task.
    expect(submitted.body.district).toBe('440604');
    expect(submitted.body.flags).toEqual([]);

    const returned = await clerkDoes(app, created.number, 'RETURN', { opinion: '房屋清单需补充。', items: ['补充 3 栋 202 室', '房产测绘成果报告加盖公章'] });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('returned');
    const seen = await dev.get(`/api/cases/${created.id}`);
    expect(seen.body.notice.items).toHaveLength(2);
    const corrected = { ...seen.body.data, houses: [...seen.body.data.houses, house('202', { building: '3栋', unit: '1单元', floor: 2 })] };
    const resubmitted = await dev.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', data: corrected, version: seen.body.version });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body.state).toBe('submitted');

    const approved = await acceptAndApprove(app, created.number);
    expect(approved.body.stateTitle).toBe('已登记');

    // The houses of the area: the 8 seeded and the 5 supplemented, keyed 楼栋|单元|房号.
    const houses = await dev.get(`/api/registers/houses?parentId=${SEEDED_AREA}`);
    expect(houses.status).toBe(200);
    expect(houses.body.total).toBe(13);
    const added = houses.body.items.filter((h: { sourceNumber: string }) => h.sourceNumber === created.number);
    expect(added.map((h: { key: string }) => h.key).sort()).toEqual(['3栋|1单元|101', '3栋|1单元|102', '3栋|1单元|201', '3栋|1单元|202', '3栋|商铺|S01']);
    const first = added.find((h: { key: string }) => h.key === '3栋|1单元|101');
    expect(first).toMatchObject({ parentId: SEEDED_AREA, district: '440604', street: '440604001', status: 'active', caseId: created.id });
    expect(first.data).toMatchObject({ ownerName: '黄晓明', ownerIdType: '身份证', buildingArea: 89.5, depositPoint: '房屋交付使用前', projectName: '锦绣花园' });

    // The district's reviewer sees them; another district's and another organisation do not.
    expect((await (await app.login('reviewer1')).get(`/api/registers/houses?parentId=${SEEDED_AREA}`)).body.total).toBe(13);
    expect((await (await app.login('reviewer2')).get(`/api/registers/houses?parentId=${SEEDED_AREA}`)).body.total).toBe(0);
    expect((await (await app.login(OTHER_COMPANY)).get(`/api/registers/houses?parentId=${SEEDED_AREA}`)).body.total).toBe(0);
    expect((await app.client().get('/api/registers/houses')).status).toBe(401);
    expect((await dev.get('/api/registers/nothing')).status).toBe(404);

    // Houses once registered cannot be supplemented again: the row and the room are named.
    const again = await submitAll(dev, TYPE, { ...(await exampleWithFiles(dev, schema)), houses: [house('101'), house('101', { building: '3栋', unit: '1单元', floor: 1 })] });
    const d = detailOn(again.submitted, '/houses/1/room');
    expect(d.message).toBe('第 2 行：该房屋（楼栋、单元、房号）已在本物业区域登记，不能重复补充');
    expect(d).toMatchObject({ row: 2, column: '房号' });
  });

  it('the reviewer rejects with an opinion and no house is registered', async () => {
    const dev = await app.login(DEVELOPER);
    const data = await exampleWithFiles(dev, schema, { houses: [house('601'), house('602')] });
    const { created, submitted } = await createAndSubmit(dev, TYPE, data);
    expect(submitted.status).toBe(200);
    expect((await clerkDoes(app, created.number, 'ACCEPT', { opinion: '受理。' })).status).toBe(200);
    expect((await reviewerDoes(app, created.number, 'REJECT', {})).status).toBe(400);
    const rejected = await reviewerDoes(app, created.number, 'REJECT', { opinion: '房屋面积与测绘报告不符，不予登记。' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    const houses = await dev.get(`/api/registers/houses?parentId=${SEEDED_AREA}&q=5栋`);
    expect(houses.body.total).toBe(0);
  });

  it('houses larger in total than the area are accepted with a warning the reviewer sees', async () => {
    const dev = await app.login(DEVELOPER);
    const data = await exampleWithFiles(dev, schema, { houses: [house('701', { buildingArea: 127900, innerArea: 100000, usage: '商业' })] });
    const { created, submitted } = await createAndSubmit(dev, TYPE, data);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.flags).toHaveLength(1);
    expect(submitted.body.flags[0].code).toBe('RULE:/houses');
    expect(submitted.body.flags[0].message).toMatch(/房屋建筑面积合计 \d+(\.\d+)? ㎡（含该区域已登记的房屋），超过物业区域总建筑面积 128000 ㎡/);
    const seenByClerk = await (await app.login('clerk1')).get(`/api/cases/${created.id}`);
    expect(seenByClerk.body.flags[0].message).toContain('超过物业区域总建筑面积');
  });

  it('only the organisation that filed the area may supplement it (a developer, or a company that filed it)', async () => {
    // A committee files no area: it may not start one. A company may, but not for the developer's area
    // (test/company-area-filing.test.ts covers the area a company filed itself).
    expect((await (await app.login('MC0001X74')).post('/api/cases', { type: TYPE, data: {} })).status).toBe(403);
    const company = await app.login(OTHER_COMPANY);
    const notTheirs = await submitAll(company, TYPE, await exampleWithFiles(company, schema));
    expect(detailOn(notTheirs.submitted, '/areaId').message).toBe('所选物业区域尚未备案或不是本单位备案的物业区域，请先办理物业区域备案');
    const dev = await app.login(DEVELOPER);
    const res = await submitAll(dev, TYPE, await exampleWithFiles(dev, schema, { areaId: 999 }));
    expect(detailOn(res.submitted, '/areaId').message).toBe('所选物业区域尚未备案或不是本单位备案的物业区域，请先办理物业区域备案');
    // A house is no area either.
    const house2 = await submitAll(dev, TYPE, await exampleWithFiles(dev, schema, { areaId: 2 }));
    expect(detailOn(house2.submitted, '/areaId').message).toMatch(/请先办理物业区域备案/);
  });

  describe('bad rows are refused at their cell, with the row named, and nothing changes', () => {
    const rows = () => [house('801'), house('802'), house('803'), house('804')];
    const cases: Array<[string, (hs: Record<string, unknown>[]) => void, string, RegExp, Record<string, unknown>?]> = [
      ['the same 楼栋/单元/房号 twice', (hs) => { hs[3].room = '802'; }, '/houses/3/room', /^第 4 行：楼栋、单元、房号与第 2 行重复$/, { row: 4, column: '房号' }],
      ['套内面积 above 建筑面积', (hs) => { hs[1].innerArea = 90; }, '/houses/1/innerArea', /^第 2 行：套内面积不能大于建筑面积$/, { row: 2, column: '套内面积（㎡）' }],
      ['an ID card number with a wrong check digit', (hs) => { Object.assign(hs[2], { ownerName: '周敏', ownerIdType: '身份证', ownerIdNumber: '440604198001010010' }); }, '/houses/2/ownerIdNumber', /^第 3 行：「证件号码」校验位错误，请核对号码$/],
      ['an owner without an ID number', (hs) => { hs[0].ownerName = '周敏'; }, '/houses/0/ownerIdNumber', /^第 1 行：「证件号码」为必填项$/],
      ['a missing 房号', (hs) => { delete hs[0].room; }, '/houses/0/room', /^第 1 行：「房号」为必填项$/],
      ['a zero 建筑面积', (hs) => { hs[0].buildingArea = 0; }, '/houses/0/buildingArea', /^第 1 行：「建筑面积（㎡）」应大于 0$/],
      ['a 房屋用途 not in the list', (hs) => { hs[0].usage = '别墅'; }, '/houses/0/usage', /^第 1 行：「房屋用途」应为以下之一/],
    ];
    for (const [name, breakRows, field, message, extra] of cases) {
      it(name, async () => {
        const dev = await app.login(DEVELOPER);
        const houses = rows();
        breakRows(houses);
        const { created, submitted } = await submitAll(dev, TYPE, await exampleWithFiles(dev, schema, { houses }));
        const d = detailOn(submitted, field);
        expect(d.message).toMatch(message);
        if (extra) expect(d).toMatchObject(extra);
        const after = await dev.get(`/api/cases/${created.id}`);
        expect(after.body.state).toBe('draft');
        expect(after.body.data).toEqual({});
      });
    }

    it('a passport number is not checked as an ID card, and the project name must be the area\'s', async () => {
      const dev = await app.login(DEVELOPER);
      const hs = rows();
      Object.assign(hs[0], { ownerName: 'John Smith', ownerIdType: '护照', ownerIdNumber: 'E12345678' });
      Object.assign(hs[1], { ownerName: '周敏', ownerIdType: '身份证', ownerIdNumber: idNumber('44060419900615003') });
      const wrongName = await submitAll(dev, TYPE, await exampleWithFiles(dev, schema, { houses: hs, projectName: '别的小区' }));
      expect(wrongName.submitted.body.error.details).toHaveLength(1);
      expect(detailOn(wrongName.submitted, '/projectName').message).toBe('项目名称与所选物业区域的备案名称不一致');
      const ok = await submitAll(dev, TYPE, await exampleWithFiles(dev, schema, { houses: hs }));
      expect(ok.submitted.status, JSON.stringify(ok.submitted.body)).toBe(200);
    });
  });
});
