// Type bundles as files: one JSON document holding one or all versions of a type, exported from one
// installation and imported into another. An import is linted exactly like files on disk; any
// problem (an unknown action name, a broken schema …) refuses the whole import.
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import type { TypeBundle, TypeVersionDef } from '../registry/index.js';

export const BUNDLE_FORMAT = 'beian-type-bundle@1';

export interface BundleFile {
  format: typeof BUNDLE_FORMAT;
  id: string;
  exportedAt: string;
  versions: Array<TypeBundle & { version: number }>;
}

const strip = (d: TypeVersionDef): TypeBundle & { version: number } => ({
  id: d.id, version: d.version, schema: d.schema, uiSchema: d.uiSchema, workflow: d.workflow, settings: d.settings, prints: d.prints,
});

export async function exportBundle(engine: Engine, typeId: string, version?: number): Promise<BundleFile> {
  const rows = await engine.db.models.TypeVersion.findAll({ where: { typeId }, attributes: ['version'], order: [['version', 'ASC']], raw: true });
  if (!rows.length) throw new AppError('NOT_FOUND', { what: `业务类型 ${typeId}` });
  const wanted = version === undefined ? rows.map((r) => r.version as number) : [version];
  if (version !== undefined && !rows.some((r) => r.version === version)) throw new AppError('NOT_FOUND', { what: `版本 ${version}` });
  const versions = await Promise.all(wanted.map(async (v) => strip(await engine.registry.get(typeId, v))));
  return { format: BUNDLE_FORMAT, id: typeId, exportedAt: new Date().toISOString(), versions };
}

/** Validates the whole file first, then publishes each version in order as a new version here. */
export async function importBundle(engine: Engine, file: unknown, userId: number): Promise<Array<{ from: number; version: number }>> {
  const f = file as Partial<BundleFile>;
  if (!f || f.format !== BUNDLE_FORMAT || typeof f.id !== 'string' || !Array.isArray(f.versions) || f.versions.length === 0) {
    throw new AppError('DEF_INVALID', { file: 'bundle', path: '/format', reason: `不是业务类型包（应为 ${BUNDLE_FORMAT}，包含 id 与 versions）` });
  }
  const problems = f.versions.flatMap((v, i) => engine.registry.lint({ ...v, id: f.id! }, { selfTest: true })
    .map((p) => ({ ...p, file: `bundle:${f.id}`, path: `/versions/${i}/${p.file.split('#')[1] ?? ''}${p.path === '/' ? '' : p.path}` })));
  if (problems.length) {
    const unknown = problems.find((p) => /^unknown (action|guard|rule|role)/.test(p.message));
    if (unknown) {
      throw new AppError('DEF_UNKNOWN_NAME', { kind: unknown.message.split(' ')[1], name: unknown.message.match(/"([^"]*)"/)?.[1] ?? '', file: unknown.file, path: unknown.path }, problems);
    }
    throw new AppError('DEF_INVALID', { file: problems[0].file, path: problems[0].path, reason: problems[0].message }, problems);
  }
  const published: Array<{ from: number; version: number }> = [];
  for (const v of f.versions) {
    const def = await engine.registry.publish({ ...v, id: f.id }, { userId, source: `import:${f.id}@${v.version}` });
    published.push({ from: v.version, version: def.version });
  }
  return published;
}
