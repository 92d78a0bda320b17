// The form self-test for every built-in type: generated data and the examples, with defaults
// filled in, are judged alike by the server's validation and the browser's validator code.
// A self-made difference (a format only one side knows, slipped past the check) is found, either way.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { createAjv } from '../engine/validation/index.js';
import { selfTestForm } from '../engine/registry/self-test.js';

const ajv = createAjv();
const forms = fs.readdirSync(path.join(ROOT_DIR, 'forms')).filter((f) => f.endsWith('.schema.json'));

describe('表单自检：服务器与浏览器对同一数据的判断一致', () => {
  for (const f of forms) {
    it(f.replace('.schema.json', ''), () => {
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'forms', f), 'utf8'));
      const result = selfTestForm(ajv, schema);
      expect(result.samples).toBeGreaterThanOrEqual(2);
      expect(result.differences).toEqual([]);
    });
  }

  it('finds a difference: iso-time is checked by the server only', () => {
    const schema = { type: 'object', properties: { t: { type: 'string', format: 'iso-time', title: '时间' } }, examples: [{ t: 'not a time' }] };
    const result = selfTestForm(ajv, schema);
    expect(result.differences[0]).toMatchObject({ sample: 0, field: '/t', message: expect.stringContaining('服务器拒绝而浏览器接受') });
  });

  it('finds the other side in Chinese: color is checked by the browser only', () => {
    const schema = { type: 'object', properties: { c: { type: 'string', format: 'color', title: '颜色' } }, examples: [{ c: 'not a colour' }] };
    const result = selfTestForm(ajv, schema);
    expect(result.differences[0]).toMatchObject({ sample: 0, field: '/c', message: '浏览器拒绝而服务器接受：应当匹配格式 "color"' });
  });
});
