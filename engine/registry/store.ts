// The type registry: immutable, numbered versions of each type in the database, one of them current.
// Built-in bundles from disk are published as version 1 on first start; when a built-in file later
// changes, the change is published as a new version (running cases keep theirs). Versions never
// change once written, so every server may cache them forever; only "which is current" is re-read.
import { createHash } from 'node:crypto';
import type Ajv from 'ajv';
import type { AnyStateMachine } from 'xstate';
import type { Database } from '../db/index.js';
import { buildMachine } from './machine.js';
import { lintBundle } from './lint.js';
import { DefinitionLoadError, loadBundlesFromDisk, loadDecisionForms, loadPartials, loadRegisters } from './loader.js';
import { loadRoles } from './roles.js';
import type { DefinitionProblem, Registry, TypeBundle, TypeVersionDef } from './types.js';

export type { Registry } from './types.js';

export class DefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[], heading = 'invalid type definition') {
    super(`${heading}:\n${problems.map((p) => `  ${p.file} ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/** A definition file that is missing or not JSON stops the start like any other broken definition. */
function fromDisk<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof DefinitionLoadError) throw new DefinitionError([{ file: err.file, path: err.jsonPath || '/', message: err.reason }]);
    throw err;
  }
}


const bundleHash = (b: TypeBundle) =>
  createHash('sha256').update(JSON.stringify([b.schema, b.uiSchema, b.workflow, b.settings, b.prints])).digest('hex');

/** printHelpers: the helper names print templates may call (the print module's), checked by lint. */
export async function openRegistry(db: Database, ajv: Ajv, rootDir: string, opts: { printHelpers?: string[] } = {}): Promise<Registry> {
  const { TypeDef, TypeVersion } = db.models;
  const decisionForms = fromDisk(() => loadDecisionForms(rootDir));
  const registers = fromDisk(() => loadRegisters(rootDir));
  const partials = loadPartials(rootDir);
  // Roles first: the types' starters and task roles are checked against them.
  const { roles, problems: roleProblems } = loadRoles(rootDir, ajv);
  if (roleProblems.length) throw new DefinitionError(roleProblems, '角色定义有误');
  const versions = new Map<string, TypeVersionDef>(); // `${id}@${version}`
  const machines = new WeakMap<TypeVersionDef, AnyStateMachine>();
  let currentVersions = new Map<string, number>();
  let refreshedAt = 0;

  for (const [name, schema] of Object.entries(decisionForms)) {
    if (!ajv.validateSchema(schema)) {
      throw new DefinitionError([{ file: `forms/decisions/${name}.schema.json`, path: '/', message: ajv.errorsText(ajv.errors) }]);
    }
  }
  // The form self-test (json-schema-faker samples through both validators) runs when a bundle is
  // published, and when the console's check asks for it (so that its ✓ holds at publishing); not
  // on a draft save: a draft may be saved with problems anyway, and publishing is where the test
  // decides. Files on disk are tested by the suite (test/form-self-test.test.ts).
  const lint = (bundle: TypeBundle, files?: Parameters<typeof lintBundle>[1]['files'], selfTest = false) =>
    lintBundle(bundle, { ajv, decisionForms, registers, roles, files, printHelpers: opts.printHelpers, partials: Object.keys(partials), selfTest });

  const toDef = (row: Record<string, unknown>): TypeVersionDef => {
    const key = `${row.typeId}@${row.version}`;
    let def = versions.get(key);
    if (!def) {
      def = { ...(row.definition as TypeBundle), id: row.typeId as string, version: row.version as number };
      versions.set(key, def);
    }
    return def;
  };

  const registry: Registry = {
    decisionForms,
    registers,
    partials,
    roles,
    current: (typeId) => {
      const v = currentVersions.get(typeId);
      return v === undefined ? undefined : versions.get(`${typeId}@${v}`);
    },
    list: () => [...currentVersions.entries()].map(([id, v]) => versions.get(`${id}@${v}`)!).filter(Boolean),
    async get(typeId, version) {
      const cached = versions.get(`${typeId}@${version}`);
      if (cached) return cached;
      const row = await TypeVersion.findOne({ where: { typeId, version }, raw: true });
      if (!row) throw new Error(`type ${typeId} version ${version} is missing`);
      return toDef(row);
    },
    machine(def) {
      let m = machines.get(def);
      if (!m) machines.set(def, (m = buildMachine(def)));
      return m;
    },
    lint: (bundle, o = {}) => lint(bundle, undefined, o.selfTest),
    async publish(bundle, { userId, source }) {
      const problems = lint(bundle, undefined, true);
      if (problems.length) throw new DefinitionError(problems);
      const def = await db.tx(async (t) => {
        const existing = await TypeDef.findByPk(bundle.id, { transaction: t, lock: t.LOCK.UPDATE, raw: true });
        const max = (await TypeVersion.max('version', { where: { typeId: bundle.id }, transaction: t })) as number | null;
        const version = (max ?? 0) + 1;
        const definition = { id: bundle.id, schema: bundle.schema, uiSchema: bundle.uiSchema, workflow: bundle.workflow, settings: bundle.settings, prints: bundle.prints };
        await TypeVersion.create({ typeId: bundle.id, version, definition, source: `${source}#${bundleHash(bundle)}`, publishedBy: userId ?? null }, { transaction: t });
        if (existing) await TypeDef.update({ currentVersion: version }, { where: { id: bundle.id }, transaction: t });
        else await TypeDef.create({ id: bundle.id, currentVersion: version }, { transaction: t });
        return toDef({ typeId: bundle.id, version, definition });
      });
      currentVersions.set(def.id, def.version);
      return def;
    },
    async refresh(opts = {}) {
      if (opts.maxAgeMs !== undefined && Date.now() - refreshedAt < opts.maxAgeMs) return;
      refreshedAt = Date.now();
      const rows = await TypeDef.findAll({ raw: true });
      const next = new Map<string, number>();
      for (const r of rows) {
        const id = r.id as string;
        const version = r.currentVersion as number;
        await registry.get(id, version);
        next.set(id, version);
      }
      currentVersions = next;
    },
  };

  // Built-in types: lint all first (a broken file stops the start), then publish what is new.
  const loaded = fromDisk(() => loadBundlesFromDisk(rootDir));
  const problems = loaded.flatMap(({ bundle, files }) => lint(bundle, files));
  if (problems.length) throw new DefinitionError(problems);
  for (const { bundle } of loaded) {
    const hash = bundleHash(bundle);
    const fromFiles = await TypeVersion.findAll({ where: { typeId: bundle.id }, attributes: ['version', 'source'], raw: true });
    const latestFile = fromFiles.filter((r) => String(r.source).startsWith('files#')).sort((a, b) => (b.version as number) - (a.version as number))[0];
    if (latestFile && String(latestFile.source) === `files#${hash}`) continue;
    try {
      await registry.publish(bundle, { source: 'files' });
    } catch (err) {
      // Another server published the same bundle at the same moment: its version stands.
      if (!/unique|UNIQUE/.test(String((err as Error).message)) && !(err as Error).name?.includes('Unique')) throw err;
    }
  }
  await registry.refresh();
  return registry;
}
