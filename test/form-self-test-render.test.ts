// The self-test's "the form draws them without an error", for every built-in form: its examples
// and the samples generated from it (engine/registry/self-test.ts, the very data the self-test
// judges) are drawn by the renderer's own form (SchemaForm with the platform's widgets, fields and
// templates) through react-dom/server, editable and read-only. A throw while drawing is what shows
// 表单预览暂时无法显示 in the console and a blank page to the applicant; rjsf's "unsupported field"
// box and errors logged while drawing are drawing errors too. Effects do not run on the server:
// what a widget loads later (districts, registers) is not part of this test.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { selfTestSamples } from '../engine/registry/self-test.js';
import { SchemaForm } from '../renderer/src/forms/SchemaForm.js';
import { DistrictsProvider } from '../renderer/src/app/districts.js';
import type { JsonSchema } from '../renderer/src/api/model.js';

const forms = fs.readdirSync(path.join(ROOT_DIR, 'forms')).filter((f) => f.endsWith('.schema.json')).map((f) => f.replace('.schema.json', ''));
const read = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});

let consoleErrors: string[] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    // React's development warnings (useLayoutEffect on the server, rjsf's defaultProps) say
    // nothing about the form; anything else logged while drawing does.
    if (!text.startsWith('Warning: ')) consoleErrors.push(text);
  });
});
afterEach(() => { vi.restoreAllMocks(); });

/** The form as a page draws it (the app's providers around it); the error, if drawing fails. */
function draw(schema: JsonSchema, uiSchema: Record<string, unknown>, formData: unknown, readonly: boolean): { html: string; error?: string } {
  try {
    return { html: renderToString(createElement(DistrictsProvider, null, createElement(SchemaForm, { schema, uiSchema, formData, readonly }))) };
  } catch (err) {
    return { html: '', error: String((err as Error).stack ?? err) };
  }
}

describe('表单自检：渲染器画得出自检的每组样例数据', () => {
  for (const id of forms) {
    it(id, () => {
      const schema = read(path.join(ROOT_DIR, 'forms', `${id}.schema.json`));
      const uiSchema = read(path.join(ROOT_DIR, 'forms', `${id}.ui.json`));
      const samples = selfTestSamples(schema);
      expect(samples.length).toBeGreaterThanOrEqual(2);
      samples.forEach((formData, i) => {
        for (const readonly of [false, true]) {
          const which = `第 ${i + 1} 组样例数据${readonly ? '（只读）' : ''}`;
          const { html, error } = draw(schema, uiSchema, formData, readonly);
          expect(error, which).toBeUndefined();
          expect(html, which).toContain('schema-form');
          expect(html, `${which}：rjsf 无法显示的字段`).not.toContain('unsupported-field');
          expect(consoleErrors, which).toEqual([]);
        }
      });
    });
  }

  it('finds a drawing error: a widget the renderer does not have', () => {
    const schema = { type: 'object', properties: { note: { type: 'string', title: '备注' } }, examples: [{ note: '无' }] };
    const [sample] = selfTestSamples(schema);
    expect(draw(schema, { note: { 'ui:widget': 'no-such-widget' } }, sample, false).error).toMatch(/no-such-widget/);
  });
});
