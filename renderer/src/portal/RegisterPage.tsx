// 机构注册: the registration form of the chosen organisation type (GET /api/auth/registration-types),
// then 设置密码, then the agreement (《机构注册协议》, owners' 《业主注册协议》) to read and tick. The server's field errors come back
// beside each field; a code that fails only its check character may be declared a pilot code.
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type Form from '@rjsf/core';
import { api, ApiError, uploadFile, type FieldErrorDetail } from '../api/client';
import type { Uploader } from '../forms/context';
import { useApi } from '../api/hooks';
import type { RegistrationType } from '../api/model';
import { useDistricts } from '../app/districts';
import { tabTitle } from '../app/roles';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData, pointerToPath, schemaAt } from '../forms/paths';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { FieldErrors } from '../forms/templates/FieldTemplate';
import { AgreementFor } from './agreement';

/**
 * The registration attempt's upload ticket: 要件 are uploaded before the account exists, to
 * POST /api/public/registration-files with this ticket, and registration brings it as uploadTicket
 * (engine/files/registration-uploads.ts). Made here so parallel first uploads share one attempt.
 */
function newTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const PASSWORD_RULE = '8–64 位，至少包含大写字母、小写字母、数字、符号中的三类';

function codeFieldOf(t: RegistrationType): string | undefined {
  const props = (t.schema.properties ?? {}) as Record<string, { format?: string }>;
  return Object.entries(props).find(([, p]) => p.format === 'uscc' || p.format === 'orgcode')?.[0];
}

export function RegisterIndex() {
  const types = useApi<RegistrationType[]>('/api/auth/registration-types');
  return (
    <>
      <Breadcrumbs items={[{ title: '机构注册' }]} />
      <Panel title="机构注册">
        <p>请选择注册的机构类型。注册时填写的统一社会信用代码（业主委员会为机构代码）即为登录用户名。</p>
        {!types.data ? <Loading /> : (
          <ul className="quick-grid">
            {types.data.map((t) => (
              <li key={t.orgType}>
                <Link className="quick-card" to={`/register/${t.orgType}`}>
                  <span className="quick-icon" aria-hidden="true">{(tabTitle(t.orgType) ?? t.title).slice(0, 1)}</span>
                  <span className="quick-title">{t.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}

export function RegisterPage() {
  const { orgType = '' } = useParams();
  const types = useApi<RegistrationType[]>('/api/auth/registration-types');
  const type = types.data?.find((t) => t.orgType === orgType);
  const { city } = useDistricts();
  const [data, setData] = useState<unknown>({});
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [pilot, setPilot] = useState(false);
  const [offerPilot, setOfferPilot] = useState(false);
  const [errors, setErrors] = useState<FieldErrorDetail[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState(false);
  const [done, setDone] = useState<{ username: string; name: string }>();
  const formRef = useRef<Form>(null);
  const [ticket] = useState(newTicket);
  const uploader = useMemo<Uploader>(() => (file, onProgress) =>
    uploadFile('/api/public/registration-files', file, onProgress, { 'x-registration-ticket': ticket }), [ticket]);
  const codeField = type ? codeFieldOf(type) : undefined;
  const skip = useMemo(() => (pilot && codeField ? (path: string[]) => path.length === 1 && path[0] === codeField : undefined), [pilot, codeField]);

  if (types.error) return <ErrorAlert error={types.error} />;
  if (!types.data) return <Loading />;
  if (!type) return <Alert kind="error">没有这种机构类型的注册。<Link to="/register">返回选择</Link></Alert>;

  const outside = (field: string) => [...errors.filter((e) => e.field === field).map((e) => e.message), ...(local[field] ? [local[field]] : [])];

  const submit = async () => {
    const problems: Record<string, string> = {};
    const formOk = formRef.current?.validateForm() ?? true;
    if (!password) problems['/password'] = '请设置密码';
    else if (password !== confirm) problems['/confirm'] = '两次输入的密码不一致';
    if (!agreed) problems['/agreementAccepted'] = `请阅读并同意《${type.agreement}》`;
    setLocal(problems);
    if (!formOk || Object.keys(problems).length) { setLive(true); return; }
    setBusy(true);
    setError(undefined);
    setErrors([]);
    try {
      const body = { ...(cleanData(data) as Record<string, unknown>), orgType: type.orgType, password, agreementAccepted: true, uploadTicket: ticket, ...(pilot ? { pilotCode: true } : {}) };
      const res = await api.post<{ user: { username: string }; org: { name: string } }>('/api/auth/register', body);
      setDone({ username: res.user.username, name: res.org.name });
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        if (e.fieldErrors.some((f) => f.message.includes('试点期'))) setOfferPilot(true);
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <>
        <Breadcrumbs items={[{ title: '机构注册', to: '/register' }, { title: type.title }]} />
        <Panel title="注册成功">
          <div className="result-ok" role="status">
            <div className="result-icon" aria-hidden="true">✓</div>
            <h2>{done.name} 注册成功</h2>
            <p>登录用户名：<strong className="mono">{done.username}</strong>，请使用注册时设置的密码登录。</p>
            <Link className="btn btn-primary" to={`/login?tab=${type.orgType}&username=${encodeURIComponent(done.username)}`}>立即登录</Link>
          </div>
        </Panel>
      </>
    );
  }

  // Server errors of fields outside the form (password, agreement) are shown beside those inputs.
  const formErrors = errors.filter((e) => pointerToPath(e.field).length > 0 && schemaAt(type.schema, pointerToPath(e.field)));
  return (
    <>
      <Breadcrumbs items={[{ title: '机构注册', to: '/register' }, { title: type.title }]} />
      <Panel title={type.title} extra={<span className="muted">带 <span className="req">*</span> 的为必填项</span>}>
        <ol className="steps" aria-label="注册步骤">
          {/* A step is marked done by what the user did, not before anything is typed. */}
          <li className={typedSomething(data) ? 'on' : undefined}>填写注册信息</li><li className={password && confirm ? 'on' : undefined}>设置密码</li>
          <li className={agreed ? 'on' : undefined}>阅读并同意协议</li><li>注册成功</li>
        </ol>
        <h3 className="section-title">一、基本信息</h3>
        <SchemaForm ref={formRef} schema={type.schema} uiSchema={type.uiSchema} formData={data} onChange={setData}
          serverErrors={formErrors} uploader={uploader} idPrefix="reg" skipValidation={skip} liveValidate={live} />
        {offerPilot && codeField && (
          <label className="check pilot">
            <input type="checkbox" checked={pilot} onChange={(e) => setPilot(e.target.checked)} />
            本单位的代码为试点期颁发的代码（校验位与现行标准不符），申请按试点期代码注册，由管理部门核实
          </label>
        )}
        <h3 className="section-title">二、设置密码</h3>
        <div className="form-grid">
          <div className={`field ${outside('/password').length ? 'has-error' : ''}`}>
            <label className="field-label" htmlFor="reg-password">登录密码<span className="req" aria-hidden="true">*</span></label>
            <input id="reg-password" type="password" className="form-control" autoComplete="new-password" value={password}
              aria-describedby="reg-password__description reg-password__error" aria-invalid={outside('/password').length ? true : undefined}
              onChange={(e) => { setPassword(e.target.value); setLocal(({ ['/password']: _p, ...rest }) => rest); }} />
            <p className="field-help" id="reg-password__description">{PASSWORD_RULE}，不能与登录名相同</p>
            <FieldErrors id="reg-password" errors={outside('/password')} />
          </div>
          <div className={`field ${outside('/confirm').length ? 'has-error' : ''}`}>
            <label className="field-label" htmlFor="reg-confirm">确认密码<span className="req" aria-hidden="true">*</span></label>
            <input id="reg-confirm" type="password" className="form-control" autoComplete="new-password" value={confirm}
              aria-describedby="reg-confirm__error" aria-invalid={outside('/confirm').length ? true : undefined}
              onChange={(e) => { setConfirm(e.target.value); setLocal(({ ['/confirm']: _c, ...rest }) => rest); }} />
            <FieldErrors id="reg-confirm" errors={outside('/confirm')} />
          </div>
        </div>
        <h3 className="section-title">三、{type.agreement}</h3>
        <div className="agreement-box" tabIndex={0} role="document" aria-label={`${type.agreement}全文`}>
          <AgreementFor name={type.agreement} city={city?.name ?? ''} />
        </div>
        <div className={`field ${outside('/agreementAccepted').length ? 'has-error' : ''}`}>
          <label className="check">
            <input id="reg-agreement" type="checkbox" checked={agreed} aria-describedby="reg-agreement__error" onChange={(e) => { setAgreed(e.target.checked); if (e.target.checked) setLocal(({ ['/agreementAccepted']: _a, ...rest }) => rest); }} />
            我已阅读并同意《{type.agreement}》
          </label>
          <FieldErrors id="reg-agreement" errors={outside('/agreementAccepted')} />
        </div>
        <ErrorAlert error={error} onClose={() => setError(undefined)} />
        <div className="form-actions">
          <button type="button" className="btn btn-primary btn-lg" disabled={busy} onClick={submit}>{busy ? '正在提交…' : '提交注册'}</button>
          <Link className="btn btn-lg" to="/">返回首页</Link>
        </div>
      </Panel>
    </>
  );
}

/** Whether the form holds anything the user typed or chose (a text, a number, a ticked box, a file). */
function typedSomething(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number' || v === true) return true;
  if (Array.isArray(v)) return v.some(typedSomething);
  return !!v && typeof v === 'object' && Object.values(v).some(typedSomething);
}
