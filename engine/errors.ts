// The one error registry. Every error the API answers has a code listed here, with its HTTP
// status, a Chinese message template for users and the audience that must act on it
// (user: a 4xx, not reported; operator: transient, retry; developer: a bug, reported).
// Codes are documented in docs/errors.md and never reused; test/errors.test.ts keeps both in step.

export type Audience = 'user' | 'operator' | 'developer';

interface ErrorDef {
  status: number;
  message: string;
  audience: Audience;
}

export const ERRORS = {
  BAD_REQUEST: { status: 400, message: '请求格式不正确：{reason}', audience: 'user' },
  FORM_INVALID: { status: 400, message: '表单填写有误，请按提示修改', audience: 'user' },
  UNAUTHENTICATED: { status: 401, message: '请先登录', audience: 'user' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误', audience: 'user' },
  LOGIN_LOCKED: { status: 429, message: '登录失败次数过多，请 {minutes} 分钟后再试', audience: 'user' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试', audience: 'user' },
  FORBIDDEN: { status: 403, message: '无权进行此操作', audience: 'user' },
  CSRF_REJECTED: { status: 403, message: '请求来源不被允许', audience: 'user' },
  NOT_FOUND: { status: 404, message: '未找到{what}', audience: 'user' },
  ACCOUNT_EXISTS: { status: 409, message: '该{field}已注册：{value}', audience: 'user' },
  CASE_CONFLICT: { status: 409, message: '业务单已被他人修改或办理，请刷新后重试', audience: 'user' },
  TASK_CONFLICT: { status: 409, message: '该待办已被办理或已被他人签收', audience: 'user' },
  EVENT_NOT_ALLOWED: { status: 409, message: '当前环节「{state}」不能执行「{event}」', audience: 'user' },
  CASE_NOT_EDITABLE: { status: 409, message: '业务单已提交，当前不能修改', audience: 'user' },
  RULE_VIOLATION: { status: 422, message: '{message}', audience: 'user' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '文件或请求过大（上限 {limit}）', audience: 'user' },
  UNSUPPORTED_MEDIA: { status: 415, message: '不支持的文件类型：{detail}', audience: 'user' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大（Cookie 或其他请求头过长），请清除本站 Cookie 后重试', audience: 'user' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试', audience: 'user' },
  DEF_INVALID: { status: 422, message: '业务定义有误：{file} {path}：{reason}', audience: 'user' },
  DEF_UNKNOWN_NAME: { status: 422, message: '业务定义引用了不存在的{kind}「{name}」：{file} {path}', audience: 'user' },
  DB_UNAVAILABLE: { status: 503, message: '数据库暂时不可用，请稍后重试', audience: 'operator' },
  PDF_UNAVAILABLE: { status: 503, message: 'PDF 打印服务不可用：{reason}', audience: 'operator' },
  IMPORT_INVALID: { status: 400, message: '导入数据有误：共 {count} 处错误，未导入任何数据', audience: 'user' },
  IMPORT_FILE_INVALID: { status: 400, message: '无法导入该文件：{reason}', audience: 'user' },
  FILE_UNSAFE: { status: 400, message: '无法接收该文件：{reason}', audience: 'user' },
  PRINT_NOT_AVAILABLE: { status: 409, message: '当前环节「{state}」不能打印「{title}」', audience: 'user' },
  PRINT_TEMPLATE_ERROR: { status: 500, message: '打印模板「{name}」有误：{reason}', audience: 'developer' },
  INTERNAL: { status: 500, message: '服务器内部错误', audience: 'developer' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

/** One entry per bad field: a JSON pointer, the field's Chinese title and what is wrong. */
export interface FieldError {
  field: string;
  title?: string;
  message: string;
  row?: number;
  column?: string;
  value?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown) {
    const def: ErrorDef = ERRORS[code];
    super(def.message.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')));
    this.code = code;
    this.status = def.status;
    this.details = details;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const fail = (code: ErrorCode, params?: Record<string, string | number>, details?: unknown): never => {
  throw new AppError(code, params, details);
};

export const formInvalid = (details: FieldError[]): AppError => new AppError('FORM_INVALID', {}, details);
