// A new filing that replaces the organisation's earlier one (企业信息备案 修改: "回到企业信息备案，
// 修改，再提交备案") opens with what was filed last, not an empty form. settings.prefill.ownEntry
// names the register the filing writes (e.g. "enterprises"): the caller organisation's newest active
// entry there leads to the case that wrote it, whose data becomes the suggestion. Attachments the
// caller did not upload are left out, since linkFiles would refuse them on save (a colleague's
// scans are theirs to attach, and a stale id must not make the first save fail).
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import type { TypeVersionDef } from '../registry/types.js';
import { collectAttachmentIds } from './attachments.js';

type Data = Record<string, unknown>;

/** Removes the given strings wherever they occur (array items dropped, object keys deleted). */
function without(value: unknown, drop: Set<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(typeof v === 'string' && drop.has(v))).map((v) => without(v, drop));
  if (value && typeof value === 'object') {
    const out: Data = {};
    for (const [k, v] of Object.entries(value as Data)) if (!(typeof v === 'string' && drop.has(v))) out[k] = without(v, drop);
    return out;
  }
  return value;
}

/** The data of the case that wrote the caller organisation's current entry (empty when none). */
export async function prefillFromOwnEntry(engine: Engine, def: TypeVersionDef, user: SessionUser): Promise<Data> {
  const register = def.settings.prefill?.ownEntry?.register;
  if (!register || !user.orgId) return {};
  const { RegisterEntry, Case, File } = engine.db.models;
  const entry = await RegisterEntry.findOne({
    where: { register, orgId: user.orgId, status: 'active' }, order: [['id', 'DESC']], attributes: ['caseId'], raw: true,
  });
  const source = entry?.caseId ? await Case.findByPk(entry.caseId as number, { attributes: ['data', 'orgId'], raw: true }) : null;
  // The entry is the organisation's, but the case must be too: never copy another's data.
  if (!source || source.orgId !== user.orgId) return {};
  const data = source.data as Data;
  const ids = collectAttachmentIds(def.schema, data);
  if (!ids.length) return data;
  const mine = await File.findAll({ where: { id: ids, uploadedBy: user.id }, attributes: ['id'], raw: true });
  const keep = new Set(mine.map((f) => f.id as string));
  return without(data, new Set(ids.filter((id) => !keep.has(id)))) as Data;
}
