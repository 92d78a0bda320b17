// Suggested form values from the applicant's own organisation. A type maps form pointers to
// pointers into the organisation (settings.prefill.org, e.g. "/company/contactPerson":
// "/data/contactPerson"); GET /api/types/:id answers them resolved for the caller so the form opens
// filled in, and the applicant may still change them (a contract's contact person need not be the
// registration's). Values the applicant must not change are settings.fillFromOrg (data-fill.ts),
// which reads the organisation the same way (orgFacts). A mapping may hold for some roles only
// ({ from, roles }): the developer's own name is its 开发建设单位, a company's is not.
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { columnList, type Database } from '../db/index.js';
import { toOrgView, type SessionUser } from '../auth/index.js';
import { getPointer, setPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';
import { prefillFromOwnEntry } from './prefill-entry.js';

const ORG_FACTS = `SELECT ${columnList('orgs', ['id', 'kind', 'code', 'name', 'district', 'local', 'data', 'warnings'])} FROM orgs WHERE id = ?`;

type Data = Record<string, unknown>;

/** The organisation as prefill and fillFromOrg see it: kind, code, name, district, local and its data. */
export async function orgFacts(db: Database, orgId: number | null, t?: Transaction): Promise<Data | null> {
  if (!orgId) return null;
  // A prepared statement (engine/db/raw.ts), not the model: fillFromOrg reads this on every save
  // and submit, inside the write transaction, where Sequelize's query building and its per-SELECT
  // `PRAGMA table_info` on SQLite would hold the one writer for two extra round trips.
  const raw = t ? db.sql(t) : db.read;
  const row = await raw.get(ORG_FACTS, [orgId]);
  if (!row) return null;
  const { kind, code, name, district, local, data } = toOrgView(row);
  return { kind, code, name, district, local, data };
}

/** The form values the type prefills for this user (empty when it prefills nothing). */
export async function resolvePrefill(engine: Engine, def: TypeVersionDef, user: SessionUser): Promise<Data> {
  const map = def.settings.prefill?.org;
  // What was filed last wins over the registration's details: it is the organisation's latest word.
  const filed = await prefillFromOwnEntry(engine, def, user);
  if (Object.keys(filed).length) return filed;
  let out: Data = {};
  if (!map) return out;
  const org = await orgFacts(engine.db, user.orgId);
  if (!org) return out;
  for (const [target, entry] of Object.entries(map)) {
    const source = typeof entry === 'string' ? entry : entry.roles.includes(user.role) ? entry.from : null;
    if (source === null) continue;
    const v = getPointer(org, source);
    if (v !== undefined && v !== null && v !== '') out = setPointer(out, target, v);
  }
  return out;
}
