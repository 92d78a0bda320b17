// Browser-side form validation: the same JSON Schema the server checks, with the platform's
// formats (统一社会信用代码, 组织机构代码, 身份证号码, 手机号码, 附件, 区县, 街道) and Chinese messages
// worded like the server's (engine/validation/ajv.ts). The server still decides: it never
// trusts the browser.
import type { RJSFValidationError } from '@rjsf/utils';
import localizeZh from 'ajv-i18n/localize/zh';
// The validator itself is shared with the server (which runs it to apply defaults and to self-test
// a type at publish), as are the pure check-character functions of GB 32100, GB 11714, GB 11643.
import { CODE_FORMATS, createFormValidator } from '../../../engine/shared/form-validator';
import type { JsonSchema } from '../api/model';
import { getAt, propertyToPath, titleAt } from './paths';

export const validator = createFormValidator(localizeZh as never);

const FORMAT_HINTS: Record<string, string> = {
  date: '应为日期（年-月-日）',
  'date-time': '应为日期时间',
  time: '应为时间（时:分:秒）',
  email: '应为有效的电子邮箱地址',
  uri: '应为有效的网址',
  attachment: '不是有效的附件',
  district: '请选择区县',
  street: '请选择街道',
};
const TYPE_NAMES: Record<string, string> = { string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '对象' };

/** Whether the value at path is an attachment (format: attachment). */
function isAttachmentAt(schema: JsonSchema, path: string[]): boolean {
  let node: unknown = schema;
  for (const key of path) {
    const n = node as { properties?: Record<string, unknown>; items?: unknown } | undefined;
    node = /^\d+$/.test(key) ? n?.items : n?.properties?.[key];
  }
  return (node as { format?: string } | undefined)?.format === 'attachment';
}

/** Where a table cell is: 「房屋」第 70 行：(nothing for a field outside tables). */
function rowsOf(schema: JsonSchema, path: string[]): string {
  // Only rows of tables: an item of a list of values (attachments, tags) is named by its label.
  const at = path.flatMap((key, i) => (/^\d+$/.test(key) && i > 0 && i < path.length - 1 ? [`「${titleAt(schema, path.slice(0, i))}」第 ${Number(key) + 1} 行`] : []));
  return at.length ? `${at.join('，')}：` : '';
}

/**
 * Rewrites rjsf's errors in Chinese, naming the field: 「项目名称」为必填项. `data` is the form data
 * being validated, for the code checks' precise reasons (校验位错误，应为 X).
 */
export function chineseErrors(schema: JsonSchema, data: () => unknown, skip?: (path: string[]) => boolean) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => errors
    .filter((e) => !skip?.(propertyToPath(e.property)))
    // "must match then schema" repeats what the then-branch errors already say.
    .filter((e) => e.name !== 'if')
    .map((e) => {
      const path = propertyToPath(e.property);
      const last = path[path.length - 1];
      // An item of a list of values: 「建设工程规划许可证」第 1 项 (not 「建设工程规划许可证第 1 项」).
      const label = last !== undefined && /^\d+$/.test(last) && path.length > 1
        ? `「${titleAt(schema, path.slice(0, -1))}」第 ${Number(last) + 1} 项`
        : `「${titleAt(schema, path)}」`;
      const p = (e.params ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- params differ per keyword
      let message: string | undefined;
      switch (e.name) {
        case 'required': message = `${label}为必填项`; break;
        // An attachment slot left empty (the list's minimum adds one): ask for the file.
        case 'type': message = isAttachmentAt(schema, path) ? `${label}未上传文件` : `${label}应为${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或')}`; break;
        case 'minimum': message = `${label}不能小于 ${p.limit}`; break;
        case 'exclusiveMinimum': message = `${label}应大于 ${p.limit}`; break;
        case 'maximum': message = `${label}不能大于 ${p.limit}`; break;
        case 'exclusiveMaximum': message = `${label}应小于 ${p.limit}`; break;
        case 'minLength': message = p.limit === 1 ? `${label}不能为空` : `${label}不能少于 ${p.limit} 个字符`; break;
        case 'maxLength': message = `${label}不能超过 ${p.limit} 个字符`; break;
        case 'minItems': message = `${label}至少需要 ${p.limit} 项`; break;
        case 'maxItems': message = `${label}最多 ${p.limit} 项`; break;
        case 'enum': message = `${label}应为以下之一：${(p.allowedValues as unknown[] ?? []).join('、')}`; break;
        case 'const': message = p.allowedValue === true ? `${label}须勾选` : `${label}应为 ${String(p.allowedValue)}`; break;
        case 'pattern': message = `${label}格式不正确`; break;
        case 'format': {
          const name = String(p.format);
          const value = getAt(data(), path);
          const reason = CODE_FORMATS[name] && typeof value === 'string' ? CODE_FORMATS[name](value).reason : undefined;
          message = `${label}${reason ?? FORMAT_HINTS[name] ?? '格式不正确'}`;
          break;
        }
        case 'uniqueItems': message = `${label}有重复的项`; break;
        default: message = `${label}${e.message ?? '不符合要求'}`;
      }
      // Beside the cell the message alone; in the error list above the form also the row it is in.
      return { ...e, message, stack: `${rowsOf(schema, path)}${message}` };
    })
    // One message per field: the first is the most useful (required before format).
    .filter((e, i, all) => all.findIndex((o) => o.property === e.property) === i);
}
