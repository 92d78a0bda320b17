// The smaller portal pages: login, 办事指南, the agreement, 修改密码 and 404.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import { useDistricts } from '../app/districts';
import { roleTitle } from '../app/roles';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, Loading } from '../ui/Alert';
import { FieldErrors } from '../forms/templates/FieldTemplate';
import { LoginBox } from './LoginBox';
import { AgreementText } from './agreement';
import { FLOW, type Service } from './HomePage';
import { ScrollRegion } from '../ui/ScrollRegion';

export function LoginPage() {
  const [params] = useSearchParams();
  return (
    <>
      <Breadcrumbs items={[{ title: '登录' }]} heading={false} />
      <div className="login-page">
        <div className="login-aside">
          <h1>物业管理网上办事</h1>
          <p>开发建设单位、物业服务企业、业主委员会使用统一社会信用代码（业委会为机构代码）登录；管理部门使用分配的用户名登录。</p>
          <p>还没有账号？<Link to="/register">机构注册</Link></p>
        </div>
        <LoginBox next={params.get('next') ?? undefined} initialTab={params.get('tab') ?? undefined} initialUsername={params.get('username') ?? undefined} key={params.get('username') ?? ''} />
      </div>
    </>
  );
}

export function GuidePage() {
  const services = useApi<{ items: Service[] }>('/api/public/services');
  return (
    <>
      <Breadcrumbs items={[{ title: '办事指南' }]} />
      <Panel title="办理流程">
        <ol className="flow big">{FLOW.map((f, i) => <li key={f}><span className="flow-no">{i + 1}</span>{f}</li>)}</ol>
      </Panel>
      <Panel title="网上办理事项">
        {!services.data ? <Loading /> : (
          <ScrollRegion label="网上办理事项">
            <table className="grid-table zebra">
              <thead><tr><th scope="col">事项名称</th><th scope="col">所属栏目</th><th scope="col">办理对象</th><th scope="col">事项说明</th><th scope="col">办理环节</th></tr></thead>
              <tbody>
                {services.data.items.map((s) => (
                  <tr key={s.id} id={s.id}>
                    <th scope="row">{s.title}</th>
                    <td className="nowrap">{s.menu ?? '—'}</td>
                    <td>{s.starters.map(roleTitle).join('、') || '—'}</td>
                    <td>{s.description}</td>
                    <td>{s.steps.join(' → ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Panel>
    </>
  );
}

export function AgreementPage() {
  const { city } = useDistricts();
  return (
    <>
      <Breadcrumbs items={[{ title: '机构注册协议' }]} />
      <Panel title="机构注册协议"><AgreementText city={city?.name ?? ''} /></Panel>
    </>
  );
}

export function AccountPage() {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    if (newPassword !== confirm) { setErrors({ confirm: ['两次输入的新密码不一致'] }); return; }
    setErrors({});
    try {
      await api.post('/api/me/password', { oldPassword, newPassword });
      setMessage({ ok: true, text: '密码已修改，其他设备上的登录已失效。' });
      setOld(''); setNew(''); setConfirm('');
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const byField: Record<string, string[]> = {};
        for (const f of err.fieldErrors) (byField[f.field.replace(/^\//, '')] ??= []).push(f.message);
        setErrors(byField);
      }
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void, auto: string) => (
    <div className={`field ${errors[id] ? 'has-error' : ''}`}>
      <label className="field-label" htmlFor={`pw-${id}`}>{label}</label>
      <input id={`pw-${id}`} type="password" className="form-control" autoComplete={auto} value={value} aria-describedby={`pw-${id}__error`} onChange={(e) => set(e.target.value)} />
      <FieldErrors id={`pw-${id}`} errors={errors[id]} />
    </div>
  );
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title: '修改密码' }]} />
      <Panel title="修改密码">
        <form onSubmit={submit} className="narrow-form">
          {field('oldPassword', '原密码', oldPassword, setOld, 'current-password')}
          {field('newPassword', '新密码', newPassword, setNew, 'new-password')}
          <p className="field-help">8–64 位，至少包含大写字母、小写字母、数字、符号中的三类</p>
          {field('confirm', '确认新密码', confirm, setConfirm, 'new-password')}
          {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
          <div className="form-actions"><button type="submit" className="btn btn-primary">确认修改</button></div>
        </form>
      </Panel>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <Breadcrumbs items={[{ title: '页面不存在' }]} />
      <Panel title="页面不存在">
        <p>您访问的页面不存在或已被移除。</p>
        <p><Link className="btn btn-primary" to="/">返回首页</Link></p>
      </Panel>
    </>
  );
}
