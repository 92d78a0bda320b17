// The form manifest is the one list of what the renderer can draw. rjsf's own names in it must be
// rjsf's real registry, and its formats exactly those both validators know: the server's Ajv and
// the browser's @rjsf/validator-ajv8 with the platform's customisations (the renderer's own file).
import { describe, expect, it } from 'vitest';
import { getDefaultRegistry } from '@rjsf/core';
import { createAjv } from '../engine/validation/index.js';
import { FORMATS, RJSF_FIELDS, RJSF_WIDGETS } from '../engine/shared/form-manifest.js';
import { validator as browserValidator } from '../renderer/src/forms/validator.js';


describe('表单清单（渲染器与检查共用）', () => {
  it('rjsf 自带的控件和字段组件与 @rjsf/core 的注册表一致', () => {
    const registry = getDefaultRegistry();
    expect([...RJSF_WIDGETS].sort()).toEqual(Object.keys(registry.widgets).sort());
    expect([...RJSF_FIELDS].sort()).toEqual(Object.keys(registry.fields).sort());
  });

  it('清单中的格式正是服务器和浏览器都能校验的格式', () => {
    const server = Object.keys((createAjv() as unknown as { formats: object }).formats).sort();
    const browser = Object.keys((browserValidator as unknown as { ajv: { formats: object } }).ajv.formats).sort();
    expect([...FORMATS].sort()).toEqual(server.filter((f) => browser.includes(f)));
  });
});
