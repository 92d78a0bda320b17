// Print templates are checked when a definition is loaded or published, not only when someone
// prints: a template that includes a partial no print-templates/_<name>.hbs provides, or calls a
// helper the print module does not register, stops the start naming the file (and the line), and
// is refused at publish with the template named — the version in use stays.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/app.js';
import { ROOT_DIR, loadConfig } from '../engine/config.js';
import { HELPERS } from '../engine/print/index.js';
import { DefinitionError } from '../engine/registry/index.js';
import { unknownTemplateNames } from '../engine/registry/template-names.js';
import { freshDatabaseUrl, startTestApp, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';

const helpers = Object.keys(HELPERS);
const partials = ['header', 'signature'];
const check = (src: string) => unknownTemplateNames(src, helpers, partials);

describe('打印模板检查：未知的子模板和辅助函数', () => {
  it('names only what is unknown: helper calls with arguments, sub-expressions, blocks and partials', () => {
    expect(check('{{> header}}{{formatDate case.submittedAt}}{{#each data.houses}}{{seq @index}}{{/each}}{{> signature date=(formatDate at)}}')).toEqual([]);
    // A bare {{name}} may be a field: strict mode checks it when printing.
    expect(check('{{data.projectName}}{{#if data.remarks}}{{data.remarks}}{{/if}}{{#with events.ACCEPT}}{{opinion}}{{/with}}')).toEqual([]);
    expect(check('{{> header}}\n{{upper data.projectName}}')).toEqual(['unknown helper "upper" (line 2)']);
    expect(check('{{> signature date=(shortDate at)}}')).toEqual(['unknown helper "shortDate" (line 1)']);
    expect(check('{{#eachSorted data.houses}}{{room}}{{/eachSorted}}')).toEqual(['unknown helper "eachSorted" (line 1)']);
    expect(check('{{formatDate at style=x}}{{#with data}}\n\n{{> stamp}}{{/with}}')).toEqual(['unknown partial "stamp" (line 3)']);
  });

  it('every built-in template names only registered helpers and existing partials', async () => {
    const dir = path.join(ROOT_DIR, 'print-templates');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'));
    const shared = files.filter((f) => f.startsWith('_')).map((f) => f.slice(1, -4));
    expect(shared).toEqual(expect.arrayContaining(partials));
    for (const f of files) expect(unknownTemplateNames(fs.readFileSync(path.join(dir, f), 'utf8'), helpers, shared), f).toEqual([]);
  });
});

describe('a template naming an unknown partial or helper stops the start, naming the file', () => {
  let db: { url: string; drop(): Promise<void> };
  let root: string;
  beforeAll(async () => { db = await freshDatabaseUrl(); });
  afterAll(async () => {
    await db?.drop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses print-templates/area-filing.certificate.hbs with each unknown name and its line', async () => {
    root = makeFixtureRoot();
    const file = 'print-templates/area-filing.certificate.hbs';
    const src = fs.readFileSync(path.join(root, file), 'utf8');
    fs.writeFileSync(path.join(root, file), `${src}\n{{> stamp}}\n<p>{{upper data.projectName}}</p>\n`);
    const config = loadConfig({}, { rootDir: root, databaseUrl: db.url, seed: false, logLevel: 'silent' });
    const err = await createEngine(config).then(() => null, (e: unknown) => e);
    expect(err, 'the start must fail').toBeInstanceOf(DefinitionError);
    const problems = (err as DefinitionError).problems.filter((p) => p.file === file);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^unknown partial "stamp" \(line \d+\)$/),
      expect.stringMatching(/^unknown helper "upper" \(line \d+\)$/),
    ]);
    expect((err as Error).message).toContain(file);
  });
});

describe('publishing a template naming an unknown partial or helper is refused', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.close(); });

  it('POST /api/admin/types/:id/publish answers 422 naming the template; the current version stays', async () => {
    const admin = await app.login('admin');
    const current = app.engine.registry.current('area-filing')!;
    const bundle = { schema: current.schema, uiSchema: current.uiSchema, workflow: current.workflow, settings: current.settings };
    const broken = { ...bundle, prints: { ...current.prints, certificate: `${current.prints.certificate}{{> seal}}` } };

    const lint = await admin.post('/api/admin/lint', { id: 'area-filing', ...broken });
    expect(lint.status).toBe(200);
    expect(lint.body.problems).toEqual([{ file: 'area-filing#prints/certificate', path: '/', message: expect.stringMatching(/^unknown partial "seal"/) }]);

    const res = await admin.post('/api/admin/types/area-filing/publish', broken);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('DEF_INVALID');
    expect(res.body.error.message).toContain('area-filing#prints/certificate');
    expect(res.body.error.message).toContain('unknown partial "seal"');
    expect(app.engine.registry.current('area-filing')!.version).toBe(current.version);

    const helper = await admin.post('/api/admin/types/area-filing/publish', { ...bundle, prints: { ...current.prints, application: '{{> header}}{{percentOf data.landArea data.totalBuildingArea}}' } });
    expect(helper.status).toBe(422);
    expect(helper.body.error.message).toContain('area-filing#prints/application');
    expect(helper.body.error.message).toContain('unknown helper "percentOf"');

    // The same template with a registered helper publishes.
    const ok = await admin.post('/api/admin/types/area-filing/publish', { ...bundle, prints: { ...current.prints, application: '{{> header}}{{percent data.landArea}}' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(current.version + 1);
  });
});
