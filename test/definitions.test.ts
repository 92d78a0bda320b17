// Type definitions: every built-in type lints clean, its example is valid and the API serves it
// whole; a broken file stops the start naming the file and the JSON path of the problem; and
// built-in files are published as versions — 1 on first start, a new one only when a file
// changed — while a running case stays on the version it started with, to its end.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, startApp, type RunningApp } from '../engine/app.js';
import { ROOT_DIR, loadConfig } from '../engine/config.js';
import { DefinitionError, loadBundlesFromDisk } from '../engine/registry/index.js';
import { validateForm } from '../engine/validation/index.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl, startTestApp, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { DEVELOPER, fileArea, taskOf } from './helpers/filings.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are edited ad hoc
const bundles = loadBundlesFromDisk(ROOT_DIR);
const readJson = (root: string, file: string): Json => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const writeJson = (root: string, file: string, value: unknown) => fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2));

describe('内置业务类型', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.close(); });

  it('there are built-in types, the area filing and the three registrations among them', () => {
    expect(bundles.map((b) => b.bundle.id)).toEqual(expect.arrayContaining(['area-filing', 'register-committee', 'register-company', 'register-developer']));
  });

  for (const { bundle, files } of bundles) {
    describe(bundle.id, () => {
      it('lints clean', () => {
        expect(app.engine.registry.lint(bundle)).toEqual([]);
        for (const part of ['schema', 'workflow', 'settings'] as const) expect(fs.existsSync(path.join(ROOT_DIR, files[part])), files[part]).toBe(true);
      });

      it('its first example is valid form data', () => {
        const examples = bundle.schema.examples ?? [];
        expect(examples.length).toBeGreaterThan(0);
        expect(validateForm(app.engine.ajv, bundle.schema, examples[0])).toEqual([]);
      });

      it('GET /api/types/:id serves its schema, uiSchema, workflow, settings and example', async () => {
        const c = await app.login(DEVELOPER);
        const res = await c.get(`/api/types/${bundle.id}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: bundle.id, version: 1, title: bundle.settings.title });
        expect(res.body.schema).toEqual(bundle.schema);
        expect(res.body.uiSchema).toEqual(bundle.uiSchema);
        expect(res.body.workflow).toEqual(bundle.workflow);
        expect(res.body.settings).toEqual(bundle.settings);
        expect(res.body.examples[0]).toEqual(bundle.schema.examples![0]);
      });
    });
  }

  it('every shared decision form is a valid schema and its example, if any, validates', () => {
    for (const [name, schema] of Object.entries(app.engine.registry.decisionForms) as Array<[string, Json]>) {
      expect(app.engine.ajv.validateSchema(schema), name).toBe(true);
      if (schema.examples?.length) expect(validateForm(app.engine.ajv, schema, schema.examples[0]), name).toEqual([]);
    }
  });

  it('an unknown type is 404', async () => {
    const c = await app.login(DEVELOPER);
    expect((await c.get('/api/types/no-such-type')).status).toBe(404);
  });
});

describe('a broken definition stops the start, naming the file and the JSON path', () => {
  let db: { url: string; drop(): Promise<void> };
  const roots: string[] = [];
  beforeAll(async () => { db = await freshDatabaseUrl(); });
  afterAll(async () => {
    await db?.drop();
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  const WF = 'workflows/area-filing.workflow.json';
  const FORM = 'forms/area-filing.schema.json';
  const breaks: Array<[string, string, (root: string) => void, string, RegExp]> = [
    ['an unknown action name in a transition', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.accepted.on.APPROVE.actions[0].type = 'launchRocket';
      writeJson(root, WF, wf);
    }, '/states/accepted/on/APPROVE/actions/0', /unknown action "launchRocket"/],
    ['an unknown target state', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.submitted.on.ACCEPT.target = 'nowhere';
      writeJson(root, WF, wf);
    }, '/states/submitted/on/ACCEPT/target', /unknown target state "nowhere"/],
    ['a task with an unknown role', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.submitted.meta.tasks[0].role = 'janitor';
      writeJson(root, WF, wf);
    }, '/states/submitted/meta/tasks/0/role', /unknown role "janitor"/],
    ['a task naming an unknown decision form', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.submitted.meta.tasks[0].events.ACCEPT.form = 'no-such-form';
      writeJson(root, WF, wf);
    }, '/states/submitted/meta/tasks/0/events/ACCEPT/form', /unknown decision form "no-such-form"/],
    ['an unreachable state', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.limbo = { type: 'final', meta: { title: '无人可达' } };
      writeJson(root, WF, wf);
    }, '/states/limbo', /can never be reached/],
    ['a non-final state without a way out', WF, (root) => {
      const wf = readJson(root, WF);
      wf.states.onHold = { meta: { title: '暂停' } };
      wf.states.accepted.on.HOLD = { target: 'onHold' };
      writeJson(root, WF, wf);
    }, '/states/onHold', /not final and has no way out/],
    ['an invalid JSON Schema', FORM, (root) => {
      const form = readJson(root, FORM);
      form.properties.landArea.type = 'decimal';
      writeJson(root, FORM, form);
    // Ajv reports where inside the schema file: the JSON path is in the reason.
    }, '', /not a valid JSON Schema: .*\/properties\/landArea\/type/],
    ['an example that does not validate', FORM, (root) => {
      const form = readJson(root, FORM);
      form.examples[0].landArea = -1;
      writeJson(root, FORM, form);
    }, '/examples/0/landArea', /example is not valid/],
    ['invalid JSON in a workflow', WF, (root) => {
      fs.writeFileSync(path.join(root, WF), '{ "id": "area-filing", "initial": "draft", ');
    }, '', /not valid JSON/],
    ['invalid JSON in settings', 'types/area-filing.json', (root) => {
      fs.writeFileSync(path.join(root, 'types/area-filing.json'), '{ title: 物业区域备案 }');
    }, '', /not valid JSON/],
    ['invalid JSON in a shared decision form', 'forms/decisions/opinion.schema.json', (root) => {
      fs.writeFileSync(path.join(root, 'forms/decisions/opinion.schema.json'), '');
    }, '', /not valid JSON/],
    ['a settings file naming an unknown starter role', 'types/area-filing.json', (root) => {
      const settings = readJson(root, 'types/area-filing.json');
      settings.starters = ['developer', 'landlord'];
      writeJson(root, 'types/area-filing.json', settings);
    }, '/starters/1', /unknown role "landlord"/],
  ];

  for (const [name, file, breakIt, jsonPath, reason] of breaks) {
    it(name, async () => {
      const root = makeFixtureRoot();
      roots.push(root);
      breakIt(root);
      const config = loadConfig({}, { rootDir: root, databaseUrl: db.url, seed: false, logLevel: 'silent' });
      const err = await createEngine(config).then(() => null, (e: unknown) => e);
      expect(err, 'the start must fail').toBeInstanceOf(DefinitionError);
      const message = (err as Error).message;
      expect(message).toContain(jsonPath ? `${file} ${jsonPath}` : file);
      expect(message).toMatch(reason);
    });
  }

  it('the unbroken copy starts', async () => {
    const root = makeFixtureRoot();
    roots.push(root);
    const engine = await createEngine(loadConfig({}, { rootDir: root, databaseUrl: db.url, seed: false, logLevel: 'silent' }));
    expect(engine.registry.current('area-filing')?.version).toBe(1);
    await engine.db.close();
  });
});

describe('内置文件的版本', () => {
  let root: string;
  let db: { url: string; drop(): Promise<void> };
  let running: RunningApp | undefined;
  beforeAll(async () => {
    root = makeFixtureRoot();
    db = await freshDatabaseUrl();
  });
  afterAll(async () => {
    await running?.stop();
    await db?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const start = async () => {
    running = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, rootDir: root, logLevel: 'silent' }, {});
    return running;
  };
  const stop = async () => { await running?.stop(); running = undefined; };
  const login = async (a: RunningApp, username: string) => {
    const c = new Client(a.url);
    expect((await c.post('/api/auth/login', { username, password: DEMO_PASSWORD })).status).toBe(200);
    return c;
  };
  const versions = async (a: RunningApp) =>
    (await a.engine.db.models.TypeVersion.findAll({ where: { typeId: 'area-filing' }, attributes: ['version'], raw: true })).map((r) => r.version);

  it('version 1 on first start and still 1 after a restart; a changed file becomes version 2 while a running case stays on 1 to its end', async () => {
    // First start: every built-in type is published as version 1; a developer files an area.
    let a = await start();
    expect(await versions(a)).toEqual([1]);
    const filed = await fileArea(await login(a, DEVELOPER));
    expect(filed.typeVersion).toBe(1);
    await stop();

    // Restart with unchanged files: nothing new is published.
    a = await start();
    expect(await versions(a)).toEqual([1]);
    expect((await (await login(a, DEVELOPER)).get('/api/types/area-filing')).body.version).toBe(1);
    await stop();

    // Someone edits the built-in files: a new title and a renamed review step.
    const settings = readJson(root, 'types/area-filing.json');
    writeJson(root, 'types/area-filing.json', { ...settings, title: '物业区域备案（新版）' });
    const wf = readJson(root, 'workflows/area-filing.workflow.json');
    wf.states.accepted.meta.tasks[0].title = '复核';
    writeJson(root, 'workflows/area-filing.workflow.json', wf);

    a = await start();
    expect((await versions(a)).sort()).toEqual([1, 2]);
    const dev = await login(a, DEVELOPER);
    const type = await dev.get('/api/types/area-filing');
    expect(type.body).toMatchObject({ version: 2, title: '物业区域备案（新版）' });

    // The running case stays on version 1 and is driven to its end by version 1's workflow.
    const clerk = await login(a, 'clerk1');
    const reviewer = await login(a, 'reviewer1');
    const old = await dev.get(`/api/cases/${filed.id}`);
    expect(old.body).toMatchObject({ typeVersion: 1, typeTitle: '物业区域备案', state: 'submitted' });
    const accept = await taskOf(clerk, filed.number);
    expect((await clerk.post(`/api/tasks/${accept.id}/complete`, { event: 'ACCEPT', data: {} })).status).toBe(200);
    const review = await taskOf(reviewer, filed.number);
    expect(review.title).toBe('审核');
    const approved = await reviewer.post(`/api/tasks/${review.id}/complete`, { event: 'APPROVE', data: { opinion: '同意。' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ typeVersion: 1, state: 'approved', status: 'closed' });

    // A case started now runs on version 2.
    const fresh = await fileArea(dev);
    expect(fresh.typeVersion).toBe(2);
    expect(fresh.typeTitle).toBe('物业区域备案（新版）');
    await clerk.post(`/api/tasks/${(await taskOf(clerk, fresh.number)).id}/complete`, { event: 'ACCEPT', data: {} });
    expect((await taskOf(reviewer, fresh.number)).title).toBe('复核');
    await stop();

    // And a restart after that publishes nothing more.
    a = await start();
    expect((await versions(a)).sort()).toEqual([1, 2]);
  });
});
