// The one way the renderer talks to the engine: JSON over fetch with the session cookie, errors as
// ApiError carrying the contract's { code, message, details }, and uploads over XMLHttpRequest so
// the page can show progress.

export interface FieldErrorDetail {
  field: string;
  title?: string;
  message: string;
  row?: number;
  column?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Per-field details of a 400 FORM_INVALID (or any error that names fields). */
  get fieldErrors(): FieldErrorDetail[] {
    return Array.isArray(this.details)
      ? (this.details as FieldErrorDetail[]).filter((d) => d && typeof d.field === 'string' && typeof d.message === 'string')
      : [];
  }

  get isConflict() { return this.status === 409; }
  get isNetwork() { return this.status === 0; }
}

const STATUS_MESSAGES: Record<number, string> = {
  0: '网络连接失败，请检查网络后重试（已填写的内容不会丢失）',
  400: '提交的内容有误，请按提示修改',
  401: '请先登录',
  403: '无权进行此操作',
  404: '未找到相关内容',
  409: '数据已被他人修改或办理，请刷新后重试',
  413: '文件或请求过大',
  415: '不支持的文件类型',
  422: '不符合业务规则',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试',
  502: '服务暂时不可用，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
};

export const messageForStatus = (status: number) => STATUS_MESSAGES[status] ?? `请求失败（${status}）`;

/** Listeners told when the server says the session is gone (401), so the page can ask to log in. */
const unauthenticated = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticated.add(fn);
  return () => unauthenticated.delete(fn);
}

function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(status, err?.code ?? `HTTP_${status}`, err?.message || messageForStatus(status), err?.details);
}

export async function request<T>(method: string, url: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', messageForStatus(0));
  }
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = toApiError(res.status, parsed);
    if (res.status === 401 && !opts.quiet401) unauthenticated.forEach((fn) => fn());
    throw err;
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string, opts?: { quiet401?: boolean }) => request<T>('GET', url, undefined, opts),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
};

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  sha256?: string;
  mime?: string;
}

/** Multipart upload (field name `file`) with progress from 0 to 1. */
export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void, headers: Record<string, string> = {}): { promise: Promise<UploadedFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: the status says enough */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else {
        if (xhr.status === 401) unauthenticated.forEach((fn) => fn());
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', messageForStatus(0)));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '已取消上传'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** The message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
