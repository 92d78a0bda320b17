// The console's view of the type catalogue: every type with its versions (and how many cases of
// each version are in which status) and its draft. Drafts are kept per type until published or
// discarded; a draft may hold problems (lint runs on publish).
import { fn, col } from 'sequelize';
import type { Engine } from '../context.js';
import type { TypeBundle } from '../registry/index.js';

/** A bundle from a request body or a stored definition, with the optional parts defaulted. */
export const toBundle = (id: string, b: Partial<TypeBundle>): TypeBundle => ({
  id, schema: b.schema!, uiSchema: b.uiSchema ?? {}, workflow: b.workflow!, settings: b.settings!, prints: b.prints ?? {},
});

export async function readDraft(engine: Engine, id: string): Promise<TypeBundle | null> {
  const row = await engine.db.models.TypeDraft.findByPk(id, { raw: true });
  return row ? toBundle(id, row.bundle as TypeBundle) : null;
}

export async function saveDraft(engine: Engine, bundle: TypeBundle, userId: number): Promise<void> {
  await engine.db.models.TypeDraft.upsert({ typeId: bundle.id, bundle, updatedBy: userId });
}

export async function discardDraft(engine: Engine, id: string): Promise<void> {
  await engine.db.models.TypeDraft.destroy({ where: { typeId: id } });
}

/** Every type that has a version or a draft: title, current version, versions with case counts per status. */
export async function listTypes(engine: Engine) {
  await engine.registry.refresh();
  const { TypeVersion, Case, TypeDraft } = engine.db.models;
  const versions = await TypeVersion.findAll({ attributes: ['typeId', 'version', 'source', 'publishedBy', 'createdAt'], order: [['typeId', 'ASC'], ['version', 'ASC']], raw: true });
  const counts = await Case.findAll({
    attributes: ['typeId', 'typeVersion', 'status', [fn('COUNT', col('id')), 'n']], group: ['typeId', 'typeVersion', 'status'], raw: true,
  });
  const drafts = new Set((await TypeDraft.findAll({ attributes: ['typeId'], raw: true })).map((d) => d.typeId));
  const ids = [...new Set([...versions.map((v) => v.typeId as string), ...drafts])];
  return ids.map((id) => {
    const current = engine.registry.current(id);
    return {
      id, title: current?.settings.title ?? id, currentVersion: current?.version ?? null, hasDraft: drafts.has(id),
      versions: versions.filter((v) => v.typeId === id).map((v) => ({
        version: v.version, source: String(v.source ?? '').split('#')[0], publishedBy: v.publishedBy, publishedAt: v.createdAt,
        cases: Object.fromEntries(counts.filter((c) => c.typeId === id && c.typeVersion === v.version).map((c) => [c.status, Number(c.n)])),
      })),
    };
  });
}
