// Organisation accounts: self-registration of applicants (developer, property company, owners'
// committee) and password login. The registration form is a type definition like any other;
// settings.registration says which fields hold the code, name and district, so no business is
// named here.
import { createHash } from 'node:crypto';
import { UniqueConstraintError, Op } from 'sequelize';
import type { Engine } from '../context.js';
import { AppError, formInvalid, type FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { TypeSettings, TypeVersionDef } from '../registry/types.js';
import { checkIdNumber, checkOrgCode, checkUscc, validateForm } from '../validation/index.js';
import { registerKey } from '../runtime/rules.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import { createSession, toSessionUser, type SessionUser } from './sessions.js';
import type { OrgView } from './types.js';
import { hitRateLimit, rateLimitCount } from './rate-limit.js';

type Registration = NonNullable<TypeSettings['registration']>;
type Json = Record<string, unknown>;
// Raw reads come back as plain rows; Sequelize's typings only know model instances.
const asRow = (m: unknown) => m as Json | null;

export type { OrgView } from './types.js';

export const PILOT_WARNING = { code: 'PILOT_CODE', message: '统一社会信用代码校验位不符，申请人声明为试点期代码，请核实' };
const AGREEMENT_MESSAGE = '请阅读并同意《机构注册协议》';
/** Keys of the request body that steer registration and are not part of the organisation's form data. */
const CONTROL_KEYS = ['orgType', 'password', 'agreementAccepted', 'pilotCode'];
// Failed logins allowed per client address: slows down guessing across many accounts.
const IP_MAX_FAILURES = 30;
const IP_WINDOW_MS = 10 * 60_000;

// Raw SQLite reads give JSON columns as text and booleans as 0/1; model reads give the real values.
const fromJson = <T>(v: unknown, empty: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? empty));

/** The organisation as the API shows it, from a raw row or a model's plain object. */
export function toOrgView(org: Json): OrgView {
  return {
    id: org.id as number,
    kind: org.kind as string,
    code: org.code as string,
    name: org.name as string,
    district: (org.district as string | null) ?? null,
    local: org.local === null || org.local === undefined ? null : Boolean(org.local),
    data: fromJson<Json>(org.data, {}),
    warnings: fromJson<OrgView['warnings']>(org.warnings, []),
  };
}

/** The registration types, found by their settings (never by id). */
export function registrationTypes(engine: Engine): Array<TypeVersionDef & { settings: { registration: Registration } }> {
  return engine.registry.list().filter((t) => t.settings.registration) as Array<TypeVersionDef & { settings: { registration: Registration } }>;
}

const fieldTitle = (schema: unknown, pointer: string, fallback: string): string => {
  const key = pointer.split('/').pop() ?? '';
  const title = getPointer(schema, `/properties/${key}/title`);
  return typeof title === 'string' ? title : fallback;
};

function setTopLevel(data: Json, pointer: string, value: unknown): void {
  // Registration pointers name top-level fields ('/uscc'); deeper ones are left as typed.
  const parts = pointer.split('/');
  if (parts.length === 2 && parts[1]) data[parts[1]] = value;
}

export async function registerAccount(engine: Engine, body: Json): Promise<{ user: SessionUser; org: OrgView }> {
  const type = registrationTypes(engine).find((t) => t.settings.registration.orgType === body.orgType);
  if (!type) throw formInvalid([{ field: '/orgType', title: '机构类型', message: '请选择要注册的机构类型', value: body.orgType }]);
  const reg = type.settings.registration;
  const schemaProps = ((type.schema.properties ?? {}) as Json);

  // Form fields: everything but the control keys, unless the form itself declares one of them.
  const fields: Json = {};
  for (const [k, v] of Object.entries(body)) if (!CONTROL_KEYS.includes(k) || k in schemaProps) fields[k] = v;
  const rawCode = getPointer(fields, reg.codeField);
  // Users type credit codes in lower case and with stray spaces; the code itself is upper case.
  const code = typeof rawCode === 'string' ? rawCode.trim().toUpperCase() : '';
  if (code) setTopLevel(fields, reg.codeField, code);

  const codeTitle = fieldTitle(type.schema, reg.codeField, reg.codeFormat === 'uscc' ? '统一社会信用代码' : '机构代码');
  let errors: FieldError[] = validateForm(engine.ajv, type.schema, fields, { partial: false });
  const warnings: OrgView['warnings'] = [];
  if (code) {
    // The code check below replaces the schema's format error on that field: it knows about pilot codes.
    errors = errors.filter((e) => e.field !== reg.codeField);
    const check = reg.codeFormat === 'uscc' ? checkUscc(code) : reg.codeFormat === 'idcard' ? checkIdNumber(code) : checkOrgCode(code);
    if (!check.ok) {
      // GB 32100 pilot-era codes: accepted only when the applicant says so, and flagged for the reviewer.
      if (check.pilotCandidate && body.pilotCode === true) warnings.push(PILOT_WARNING);
      else {
        const hint = check.pilotCandidate ? '；如为试点期颁发的代码，请勾选“试点期代码”后重新提交' : '';
        errors.push({ field: reg.codeField, title: codeTitle, message: `${codeTitle}${check.reason ?? '格式不正确'}${hint}`, value: code });
      }
    }
  } else if (!errors.some((e) => e.field === reg.codeField)) {
    errors.push({ field: reg.codeField, title: codeTitle, message: `请填写${codeTitle}` });
  }
  if (body.agreementAccepted !== true) {
    errors.push({ field: '/agreementAccepted', title: '机构注册协议', message: AGREEMENT_MESSAGE });
  }
  const password = typeof body.password === 'string' ? body.password : '';
  const weakness = password ? passwordWeakness(password) : '请设置密码';
  if (weakness) errors.push({ field: '/password', title: '密码', message: weakness });
  else if (password.toUpperCase() === code) errors.push({ field: '/password', title: '密码', message: '密码不能与登录名（代码）相同' });
  if (errors.length) throw formInvalid(errors);
  const entry = reg.matchEntry ? await matchRegisterEntry(engine, reg.matchEntry, fields) : null;

  const name = String(getPointer(fields, reg.nameField) ?? '').trim();
  const district = entry ? (entry.district as string | null) : reg.districtField ? (getPointer(fields, reg.districtField) as string | undefined) ?? null : null;
  const local = reg.localField ? getPointer(fields, reg.localField) : undefined;
  const data: Json = {};
  // Passwords (and confirmations a form may carry) never land in organisation data.
  for (const [k, v] of Object.entries(fields)) if (!/password/i.test(k)) data[k] = v;
  if (entry) Object.assign(data, { entryId: entry.id, parentEntryId: entry.parentId });
  const passwordHash = await hashPassword(password);

  const exists = (field: string, title: string) =>
    new AppError('ACCOUNT_EXISTS', { field: title, value: code }, [{ field, title, message: `该${title}已注册：${code}`, value: code }]);
  const { Org, User } = engine.db.models;
  try {
    return await engine.db.tx(async (t) => {
      if (await Org.findOne({ where: { code }, transaction: t, raw: true })) throw exists(reg.codeField, codeTitle);
      if (await User.findOne({ where: { username: code }, transaction: t, raw: true })) throw exists(reg.codeField, '登录名');
      const org = await Org.create({
        kind: reg.orgType, code, name, district, local: local === undefined ? null : Boolean(local), data, warnings,
      }, { transaction: t });
      const user = await User.create({
        username: code, passwordHash, role: reg.role, orgId: org.get('id'), district, displayName: name,
      }, { transaction: t });
      return { user: toSessionUser(user.get({ plain: true })), org: toOrgView(org.get({ plain: true })) };
    });
  } catch (err) {
    // Another server registered the same code between our check and our insert.
    if (err instanceof UniqueConstraintError) throw exists(reg.codeField, codeTitle);
    throw err;
  }
}

// Unknown users still cost one scrypt verification, so response time does not tell which
// usernames exist. The hash is made once per process, of a random password.
let dummyHash: Promise<string> | undefined;
const spendHash = (password: string) => {
  dummyHash ??= hashPassword(`${Math.random()}-${Date.now()}`);
  return dummyHash.then((h) => verifyPassword(password, h));
};

const minutesLeft = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));

export interface LoginResult {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

export async function login(engine: Engine, username: string, password: string, ip: string): Promise<LoginResult> {
  const { User } = engine.db.models;
  const ipKey = `login-ip:${ip}`;
  if ((await rateLimitCount(engine, ipKey, IP_WINDOW_MS)) >= IP_MAX_FAILURES) throw new AppError('RATE_LIMITED');

  const name = String(username ?? '').trim();
  // Applicants log in with their credit code, which is stored upper case.
  const row = name && name.length <= 64
    ? asRow(await User.findOne({ where: { username: { [Op.in]: [...new Set([name, name.toUpperCase()])] }, active: true }, raw: true }))
    : null;
  if (row?.lockedUntil && new Date(row.lockedUntil as string) > new Date()) {
    // Locked: refused even with the right password, so guessing cannot go on during the lock.
    throw new AppError('LOGIN_LOCKED', { minutes: minutesLeft(new Date(row.lockedUntil as string)) });
  }
  const ok = row ? await verifyPassword(String(password ?? ''), row.passwordHash as string) : await spendHash(String(password ?? ''));
  if (!row || !ok) {
    await hitRateLimit(engine, ipKey, IP_MAX_FAILURES, IP_WINDOW_MS);
    if (row) await countFailure(engine, row.id as number);
    throw new AppError('LOGIN_FAILED');
  }
  if (Number(row.failedLogins) > 0 || row.lockedUntil) {
    await User.update({ failedLogins: 0, lockedUntil: null }, { where: { id: row.id as number } });
  }
  const session = await createSession(engine, row.id as number);
  return { user: toSessionUser(row), ...session };
}

/** One more consecutive failure; the one that reaches loginMaxFailures locks the account. */
async function countFailure(engine: Engine, userId: number): Promise<void> {
  const { User } = engine.db.models;
  const { loginMaxFailures, loginLockMinutes } = engine.config;
  await engine.db.tx(async (t) => {
    // Row lock: parallel wrong guesses on several servers must all be counted.
    const u = asRow(await User.findByPk(userId, { transaction: t, lock: t.LOCK.UPDATE, raw: true }));
    if (!u) return;
    const failures = Number(u.failedLogins) + 1;
    const lock = failures >= loginMaxFailures;
    await User.update({
      // The counter starts over with the lock, so after it expires the user has full attempts again.
      failedLogins: lock ? 0 : failures,
      lockedUntil: lock ? new Date(Date.now() + loginLockMinutes * 60_000) : null,
    }, { where: { id: userId }, transaction: t });
  });
}

/** Changes the caller's password and ends the user's other sessions (a thief's session among them). */
export async function changePassword(
  engine: Engine, user: SessionUser, oldPassword: string, newPassword: string, currentToken?: string,
): Promise<void> {
  const { User, Session } = engine.db.models;
  const row = asRow(await User.findByPk(user.id, { raw: true }));
  if (!row) throw new AppError('UNAUTHENTICATED');
  const limit = await hitRateLimit(engine, `password-change:${user.id}`, 10, IP_WINDOW_MS);
  if (!limit.allowed) throw new AppError('RATE_LIMITED');
  if (!(await verifyPassword(String(oldPassword ?? ''), row.passwordHash as string))) {
    throw formInvalid([{ field: '/oldPassword', title: '原密码', message: '原密码不正确' }]);
  }
  const weakness = passwordWeakness(String(newPassword ?? ''));
  if (weakness) throw formInvalid([{ field: '/newPassword', title: '新密码', message: weakness }]);
  if (newPassword === oldPassword) throw formInvalid([{ field: '/newPassword', title: '新密码', message: '新密码不能与原密码相同' }]);
  if (newPassword.toUpperCase() === String(row.username).toUpperCase()) {
    throw formInvalid([{ field: '/newPassword', title: '新密码', message: '密码不能与登录名相同' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  // Session ids are the sha256 of the cookie token (see sessions.ts).
  const keep = currentToken ? createHash('sha256').update(currentToken).digest('hex') : '';
  await engine.db.tx(async (t) => {
    await User.update({ passwordHash, failedLogins: 0, lockedUntil: null }, { where: { id: user.id }, transaction: t });
    await Session.destroy({ where: { userId: user.id, id: { [Op.ne]: keep } }, transaction: t });
  });
}

/**
 * Registration that must match a register entry (an owner and the registered house): the entry is
 * found by its key under its parent, and the listed fields must equal what the registrant typed.
 */
async function matchRegisterEntry(engine: Engine, m: NonNullable<Registration['matchEntry']>, fields: Json): Promise<Json> {
  const parentId = Number(getPointer(fields, m.parent)) || null;
  const key = registerKey(fields, m.key);
  const entry = key ? await engine.db.models.RegisterEntry.findOne({ where: { register: m.register, key, parentId, status: 'active' }, raw: true }) : null;
  const data = (entry?.data ?? {}) as Json;
  const same = entry && Object.entries(m.fields).every(([entryField, ptr]) => String(data[entryField] ?? '').trim().toUpperCase() === String(getPointer(fields, ptr) ?? '').trim().toUpperCase());
  if (!entry || !same) throw formInvalid([{ field: m.key[m.key.length - 1], message: m.message }]);
  return entry;
}
