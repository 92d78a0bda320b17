// Values the server takes from a register rather than from the browser (settings.fillFromRegister):
// form pointer → { register, id | parent, value }. The newest active entry with that id (or under
// that parent entry) is read as { id, key, title, orgId, district, street, parentId, data } and the
// value at `value` written into the form — e.g. the area's name from the chosen area, or the
// property company of an area (the organisation of its active service contract) that a repair is
// dispatched to. Nothing found removes the field, so a browser cannot put its own value there.
import type { Transaction } from 'sequelize';
import type { Database } from '../db/index.js';
import { getPointer, setPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';

type Data = Record<string, unknown>;

export interface RegisterFill {
  register: string;
  /** Form pointer to the entry id. */
  id?: string;
  /** Form pointer to the parent entry id: the newest active entry under it. */
  parent?: string;
  /** Pointer into the entry view ({ id, key, title, orgId, district, street, parentId, data }). */
  value: string;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

function remove(doc: Data, pointer: string): Data {
  if (getPointer(doc, pointer) === undefined) return doc;
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out = structuredClone(doc);
  let cur: unknown = out;
  for (const k of keys.slice(0, -1)) cur = (cur as Data)[k];
  delete (cur as Data)[keys[keys.length - 1]];
  return out;
}

export async function fillFromRegister(db: Database, def: TypeVersionDef, data: Data, t?: Transaction): Promise<Data> {
  const fills = def.settings.fillFromRegister as Record<string, RegisterFill> | undefined;
  if (!fills) return data;
  let out = data;
  for (const [target, f] of Object.entries(fills)) {
    const ref = getPointer(out, (f.id ?? f.parent) as string);
    const refId = Number(ref);
    let value: unknown;
    if (!blank(ref) && Number.isInteger(refId) && refId > 0) {
      const where = { register: f.register, status: 'active', ...(f.id ? { id: refId } : { parentId: refId }) };
      const entry = await db.models.RegisterEntry.findOne({ where, order: [['id', 'DESC']], transaction: t, raw: true });
      if (entry) {
        const { id, key, title, orgId, district, street, parentId, data: entryData } = entry;
        value = getPointer({ id, key, title, orgId, district, street, parentId, data: entryData }, f.value);
      }
    }
    out = blank(value) ? remove(out, target) : setPointer(out, target, value);
  }
  return out;
}
