// The self-test a type passes before it is published: data generated from its form (json-schema-
// faker, seeded, so a result can be reproduced) plus its examples, each with the defaults filled
// in as the browser fills them, must be judged alike by the server's validation (engine/validation)
// and the browser's (@rjsf/validator-ajv8 with the platform's formats — the very code the renderer
// runs, engine/shared/form-validator.ts). A difference would let the browser send what the server
// refuses (the applicant is stuck) or refuse what the server takes. Drawing is checked by
// lint-form.ts (every widget and field resolves), for the built-in forms by rendering these samples
// with the renderer's form (test/form-self-test-render.test.ts) and, for the corpus, in Chromium.
import type Ajv from 'ajv';
import { generateSync } from 'json-schema-faker';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { applyFormDefaults, validateForm } from '../validation/index.js';
import { createFormValidator } from '../shared/form-validator.js';

type Data = Record<string, unknown>;
// Few, small samples (lists of at most 3 rows): the test runs while an administrator waits.
const SAMPLES = 4;

// Values for the platform's formats: faker knows only the standard ones. Valid and invalid alike
// are fine: the test compares the two verdicts, not the data.
const FORMAT_VALUES: Record<string, string[]> = {
  uscc: ['91440604MA4UJ5RW2R', '91440604MA4UJ5RW2X'],
  orgcode: ['MA4UJ5RW-2', '12345678-0'],
  idcard: ['11010519491231002X', '110105194912310021'],
  mobile: ['13800138000', '1380013800'],
  attachment: ['0b6f5a8e-3c1d-4f2a-9b7e-5d4c3b2a1f00', 'not-a-file'],
  district: ['440604', '4406'],
  street: ['440604001', '44060400'],
};
const formats = Object.fromEntries(Object.entries(FORMAT_VALUES).map(([name, values]) => [name, (random: { int(min: number, max: number): number }) => values[random.int(0, values.length - 1)]]));

export interface SelfTestResult {
  samples: number;
  /** Where server and browser disagree: the field, and which side accepts. */
  differences: Array<{ sample: number; field: string; message: string }>;
}

/**
 * The self-test's data: the form's examples, then samples generated from it (the same ones on
 * every run). The render test (test/form-self-test-render.test.ts) draws the very same data.
 */
export function selfTestSamples(schema: Data): unknown[] {
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const generated: unknown[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    try {
      generated.push(generateSync(schema as never, { seed: i + 1, formats, maxItems: 3, maxLength: 40, maxDepth: 6 } as never));
    } catch { /* a shape faker cannot generate: the examples and other samples still run */ }
  }
  return [...examples, ...generated];
}

/** The browser's validator is made with the renderer's localizer: its messages in Chinese. */
export function selfTestForm(ajv: Ajv, schema: Data): SelfTestResult {
  // A validator per run (under a millisecond to make): the console's check runs this on each
  // edit, a new schema each time, and one Ajv instance keeps what it compiled for good (~0.2 MB a
  // form, even after reset()).
  const browser = createFormValidator(localizeZh as never);
  const samples = selfTestSamples(schema);
  const differences: SelfTestResult['differences'] = [];
  samples.forEach((raw, sample) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    const data = applyFormDefaults(schema, raw as Data);
    const serverErrors = validateForm(ajv, schema, data);
    const browserErrors = browser.validateFormData(data, schema as never).errors;
    if ((serverErrors.length === 0) === (browserErrors.length === 0)) return;
    const field = serverErrors[0]?.field ?? pointerOf(browserErrors[0]?.property);
    const message = serverErrors.length
      ? `服务器拒绝而浏览器接受：${serverErrors[0].message}`
      : `浏览器拒绝而服务器接受：${browserErrors[0]?.message ?? ''}`;
    differences.push({ sample, field, message });
  });
  return { samples: samples.length, differences };
}

/** rjsf's ".a.0.b" (or ".a['b.c']") property path as a JSON pointer. */
function pointerOf(property: string | undefined): string {
  if (!property) return '';
  const keys = [...property.matchAll(/\[['"]?([^'"\]]+)['"]?\]|\.?([^.[\]]+)/g)].map((m) => m[1] ?? m[2]);
  return keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
