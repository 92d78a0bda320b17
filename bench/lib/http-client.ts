// A small HTTP client for the benchmarks: keeps the session cookie, speaks JSON, keep-alive.
export interface Res<T = any> { status: number; body: T } // eslint-disable-line @typescript-eslint/no-explicit-any

export class Client {
  cookie = '';
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<Res> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + url, { method, headers, body: payload });
    const m = res.headers.get('set-cookie')?.match(/beian_sid=([^;]*)/);
    if (m) this.cookie = m[1] ? `beian_sid=${m[1]}` : '';
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
  }

  get(url: string) { return this.request('GET', url); }
  post(url: string, body: unknown = {}) { return this.request('POST', url, body); }

  /** Like request, but throws unless the status is the expected one. */
  async expect(status: number, method: string, url: string, body?: unknown): Promise<Res> {
    const res = await this.request(method, url, body);
    if (res.status !== status) throw new Error(`${method} ${url}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    return res;
  }

  static async login(base: string, username: string, password: string): Promise<Client> {
    const c = new Client(base);
    await c.expect(200, 'POST', '/api/auth/login', { username, password });
    return c;
  }
}
