// The demo installation (seed/): districts on every start (upserted: codes are reference data),
// and, on the first start only, the accounts, organisations and a registered area with houses.
// A database that already has users is never touched again.
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from './context.js';
import { hashPassword } from './auth/index.js';

interface SeedDistricts {
  city: { code: string; name: string };
  districts: Array<{ code: string; name: string; streets: Array<{ code: string; name: string }> }>;
}
interface SeedAccounts {
  users: Array<{ username: string; role: string; displayName: string; district?: string; street?: string; org?: string }>;
  orgs: Array<{ key: string; kind: string; code: string; name: string; district: string; local?: boolean; data?: object }>;
  registers?: Array<{ register: string; key: string; title: string; org?: string; district: string; street?: string; parentKey?: string; data: object }>;
}

const read = <T>(rootDir: string, file: string): T => JSON.parse(fs.readFileSync(path.join(rootDir, 'seed', file), 'utf8')) as T;

export async function seedDistricts(engine: Engine): Promise<Set<string>> {
  const seed = read<SeedDistricts>(engine.config.rootDir, 'districts.json');
  const rows: Array<{ code: string; name: string; parentCode: string | null; level: string }> = [
    { code: seed.city.code, name: seed.city.name, parentCode: null, level: 'city' },
  ];
  for (const d of seed.districts) {
    rows.push({ code: d.code, name: d.name, parentCode: seed.city.code, level: 'district' });
    for (const s of d.streets) rows.push({ code: s.code, name: s.name, parentCode: d.code, level: 'street' });
  }
  await engine.db.tx(async (t) => {
    for (const r of rows) await engine.db.models.District.upsert(r, { transaction: t });
  });
  const all = await engine.db.models.District.findAll({ attributes: ['code'], raw: true });
  return new Set(all.map((r) => r.code as string));
}

export async function seedDemo(engine: Engine): Promise<boolean> {
  const { User, Org, RegisterEntry } = engine.db.models;
  if ((await User.count()) > 0) return false;
  const seed = read<SeedAccounts>(engine.config.rootDir, 'accounts.json');
  // Every demo account's role must have its file in roles/, or nobody could say what it sees.
  const unknown = seed.users.filter((u) => !Object.hasOwn(engine.registry.roles, u.role));
  if (unknown.length) throw new Error(`seed/accounts.json: no roles/<id>.json for ${unknown.map((u) => `${u.username} (${u.role})`).join(', ')}`);
  const passwordHash = await hashPassword(engine.config.demoPassword);
  await engine.db.tx(async (t) => {
    if ((await User.count({ transaction: t })) > 0) return; // another server seeded first
    const orgIds = new Map<string, number>();
    for (const o of seed.orgs) {
      const org = await Org.create({ kind: o.kind, code: o.code, name: o.name, district: o.district, local: o.local ?? null, data: o.data ?? {}, warnings: [] }, { transaction: t });
      orgIds.set(o.key, org.get('id') as number);
    }
    for (const u of seed.users) {
      const org = u.org ? seed.orgs.find((o) => o.key === u.org) : undefined;
      await User.create({
        username: u.username, role: u.role, displayName: u.displayName, district: u.district ?? org?.district ?? null, street: u.street ?? null,
        orgId: u.org ? orgIds.get(u.org) : null, passwordHash,
      }, { transaction: t });
    }
    const entryIds = new Map<string, number>();
    for (const e of seed.registers ?? []) {
      const row = await RegisterEntry.create({
        register: e.register, key: e.key, title: e.title, orgId: e.org ? orgIds.get(e.org) : null, district: e.district,
        street: e.street ?? null, parentId: e.parentKey ? entryIds.get(e.parentKey) : null, data: e.data, status: 'active',
      }, { transaction: t });
      entryIds.set(`${e.register}:${e.key}`, row.get('id') as number);
    }
  });
  return true;
}
