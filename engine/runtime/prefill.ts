// Suggested form values from the applicant's own organisation. A type maps form pointers to
// pointers into the organisation (settings.prefill.org, e.g. "/company/contactPerson":
// "/data/contactPerson"); GET /api/types/:id answers them resolved for the caller so the form opens
// filled in, and the applicant may still change them (a contract's contact person need not be the
// registration's). Values the applicant must not change are settings.fillFromOrg (data-fill.ts),
// which reads the organisation the same way (orgFacts).
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import type { Database } from '../db/index.js';
import { toOrgView, type SessionUser } from '../auth/index.js';
import { getPointer, setPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';

type Data = Record<string, unknown>;

/** The organisation as prefill and fillFromOrg see it: kind, code, name, district, local and its data. */
export async function orgFacts(db: Database, orgId: number | null, t?: Transaction): Promise<Data | null> {
  if (!orgId) return null;
  const row = await db.models.Org.findByPk(orgId, { transaction: t, raw: true });
  if (!row) return null;
  const { kind, code, name, district, local, data } = toOrgView(row);
  return { kind, code, name, district, local, data };
}

/** The form values the type prefills for this user (empty when it prefills nothing). */
export async function resolvePrefill(engine: Engine, def: TypeVersionDef, user: SessionUser): Promise<Data> {
  const map = def.settings.prefill?.org;
  let out: Data = {};
  if (!map) return out;
  const org = await orgFacts(engine.db, user.orgId);
  if (!org) return out;
  for (const [target, source] of Object.entries(map)) {
    const v = getPointer(org, source);
    if (v !== undefined && v !== null && v !== '') out = setPointer(out, target, v);
  }
  return out;
}
