// 系统登录 on the portal: one tab per organisation type that can register (开发商 / 物业公司 /
// 业委会 / 业主 …, from GET /api/auth/registration-types) and 管理部门, each with 登录 and 注册.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import type { RegistrationType } from '../api/model';
import { useSession } from '../app/session';
import { homeOf, tabRoles, tabTitle } from '../app/roles';

/** The registration form's code field title: 统一社会信用代码 or 机构代码 — the login name. */
function codeTitle(t: RegistrationType | undefined): string {
  const props = (t?.schema.properties ?? {}) as Record<string, { format?: string; title?: string }>;
  const code = Object.values(props).find((p) => p.format === 'uscc' || p.format === 'orgcode');
  return code?.title ?? '用户名';
}

export function LoginBox({ next, initialTab, initialUsername }: { next?: string; initialTab?: string; initialUsername?: string }) {
  const types = useApi<RegistrationType[]>('/api/auth/registration-types');
  const order = tabRoles();
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const tabs = [
    ...[...(types.data ?? [])].sort((a, b) => rank(a.orgType) - rank(b.orgType)).map((t) => ({ key: t.orgType, title: tabTitle(t.orgType) ?? t.title.replace(/注册$/, ''), type: t })),
    { key: 'department', title: '管理部门', type: undefined },
  ];
  const [tab, setTab] = useState(initialTab ?? order[0] ?? 'department');
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];
  const { login } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState(initialUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const userLabel = current.type ? codeTitle(current.type) : '用户名';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) { setError(`请输入${userLabel}和密码`); return; }
    setBusy(true);
    setError(undefined);
    try {
      const me = await login(username.trim(), password);
      navigate(next && next.startsWith('/') ? next : homeOf(me.user.role));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="login-box" aria-labelledby="login-title">
      <h2 id="login-title" className="login-title">系统登录</h2>
      <div className="login-tabs" role="tablist" aria-label="登录身份">
        {tabs.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={current.key === t.key} id={`login-tab-${t.key}`}
            className={current.key === t.key ? 'on' : ''} onClick={() => { setTab(t.key); setError(undefined); }}>{t.title}</button>
        ))}
      </div>
      <form onSubmit={submit} role="tabpanel" aria-labelledby={`login-tab-${current.key}`} className="login-form">
        <div className="field">
          <label className="field-label" htmlFor="login-username">{userLabel}</label>
          <input id="login-username" name="username" className="form-control" autoComplete="username" value={username}
            placeholder={current.type ? `请输入${userLabel}` : '请输入用户名'} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="login-password">密码</label>
          <input id="login-password" name="password" type="password" className="form-control" autoComplete="current-password" value={password}
            placeholder="请输入密码" onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && <div className="field-errors" role="alert">{error}</div>}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? '正在登录…' : '登录'}</button>
        <div className="login-links">
          {current.type ? (
            <>
              <span>还没有账号？</span>
              <Link to={`/register/${current.type.orgType}`}>{current.title}注册</Link>
            </>
          ) : <span className="muted">管理部门账号由系统管理员分配</span>}
        </div>
      </form>
    </section>
  );
}
