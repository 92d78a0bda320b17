// The form corpus (test/fixtures/forms/*.json): form shapes of our own making, each either a type
// that must work end to end or one the check must refuse, with the place and the words it must
// use. Each is made a type with the same plain two-step workflow: the applicant fills and submits
// (草稿 → 待受理), a clerk accepts (→ 已受理).
import fs from 'node:fs';
import path from 'node:path';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures are open-ended JSON

export interface FormFixture {
  file: string;
  /** The type id the fixture is published as. */
  id: string;
  title: string;
  schema: Json;
  uiSchema: Json;
  refused?: { part: 'schema' | 'uiSchema'; path: string; includes: string };
}

const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'forms');

export function loadCorpus(): FormFixture[] {
  return fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const body = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Json;
    return { file, id: `corpus-${file.slice(0, -5)}`, title: body.title, schema: body.schema, uiSchema: body.uiSchema ?? {}, refused: body.refused };
  });
}

const PLAIN_WORKFLOW = {
  initial: 'draft',
  states: {
    draft: {
      meta: { title: '草稿', editable: true, tasks: [{ name: 'fill', title: '填写并提交', role: 'applicant', scope: 'org', events: { SUBMIT: { title: '提交', validate: true } } }] },
      on: { SUBMIT: { target: 'submitted' } },
    },
    submitted: {
      meta: { title: '待受理', tasks: [{ name: 'accept', title: '受理', role: 'clerk', scope: 'district', events: { ACCEPT: { title: '受理' } } }] },
      on: { ACCEPT: { target: 'accepted' } },
    },
    accepted: { type: 'final', meta: { title: '已受理', outcome: 'approved' } },
  },
};

/** The fixture as a type bundle for the admin API (PUT …/draft, POST …/publish). */
export function corpusBundle(f: FormFixture): Json {
  return {
    schema: f.schema,
    uiSchema: f.uiSchema,
    workflow: { id: f.id, ...PLAIN_WORKFLOW },
    settings: { title: `样例：${f.title}`, menu: '表单样例', order: 900, numberPrefix: 'BDYL', starters: ['developer'] },
    prints: {},
  };
}

/** The fixture's example, with placeholder attachment ids replaced by `upload()`'s real ones. */
export async function exampleWithFiles(f: FormFixture, upload: () => Promise<string>): Promise<Json> {
  const data = structuredClone(f.schema.examples?.[0] ?? {}) as Json;
  for (const [k, p] of Object.entries((f.schema.properties ?? {}) as Json)) {
    if (p?.items?.format === 'attachment' && Array.isArray(data[k])) data[k] = await Promise.all(data[k].map(() => upload()));
  }
  return data;
}
