// Check-character validation of the Chinese identity codes the platform relies on.
// Pure functions, no I/O: the same checks run in form validation, Excel import and registration.
// Reasons are user-facing (Chinese) and precise enough to fix the input without help.
// Inputs are not trimmed: a code with stray spaces is not the code; importers normalise first.

export interface CodeCheck {
  ok: boolean;
  /** Chinese, what is wrong, e.g. '校验位错误，请核对号码' (never the right check character: a
   *  message must not let anyone complete a guessed or copied number). */
  reason?: string;
  /**
   * Credit code only: the sole failure is the final check character while the embedded
   * organisation code is valid — typical of early pilot-era codes. The caller decides
   * whether to accept it with a warning the reviewer sees (never silently).
   */
  pilotCandidate?: boolean;
}

export interface UsccCheck extends CodeCheck {
  /** Positions 9–17, the embedded 组织机构代码 (when the code has the right length). */
  orgCode?: string;
  orgCodeOk?: boolean;
}

export interface IdNumberCheck extends CodeCheck {
  birthDate?: string;
  sex?: '男' | '女';
}

// GB 32100-2015 §4 / Annex A: 31-character alphabet without I, O, Z, S, V
// (easily confused with 1, 0, 2, 5, U); a character's value is its index here.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 Annex B: weight of position i is 3^(i-1) mod 31.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997 §5: weights of the 8 body characters.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
// GB 11643-1999 §8.2: weights 2^(18-i) mod 11 and the check character table.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The message of a wrong check character: it says the number is wrong, not what would make it right. */
export const CHECK_CHAR_WRONG = '校验位错误，请核对号码';

const bad = (reason: string, extra: Partial<CodeCheck> = {}): CodeCheck => ({ ok: false, reason, ...extra });

/** First character not matching `allowed`, with a hint when it is only lowercase. */
function badChar(s: string, allowed: RegExp): string | undefined {
  for (const ch of s) {
    if (!allowed.test(ch)) {
      const up = ch.toUpperCase();
      if (up !== ch && allowed.test(up)) return `字母应为大写：${ch}`;
      return `含有不允许的字符 ${/\s/.test(ch) ? '（空白）' : ch}`;
    }
  }
  return undefined;
}

/** GB 11714: value of a body character, digits 0–9 and letters A=10 … Z=35. */
const orgValue = (ch: string): number => (ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);

/** GB 11714: check character for the 8 body characters: 11 − (Σ mod 11), 10 → X, 11 → 0. */
function orgCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** 组织机构代码, GB 11714-1997: 8 body characters + check, optionally written 'XXXXXXXX-X'. */
export function checkOrgCode(code: string): CodeCheck {
  const s = typeof code === 'string' ? code : '';
  const plain = s.length === 10 && s[8] === '-' ? s.slice(0, 8) + s[9] : s;
  if (plain.length !== 9) return bad('长度应为 9 位（可写作 8 位本体码-校验码）');
  const charErr = badChar(plain.slice(0, 8), /^[0-9A-Z]$/) ?? badChar(plain[8], /^[0-9X]$/);
  if (charErr) return bad(charErr);
  const expected = orgCheckChar(plain);
  return plain[8] === expected ? { ok: true } : bad(CHECK_CHAR_WRONG);
}

/**
 * 统一社会信用代码, GB 32100-2015: 18 characters over the 31-character alphabet; check =
 * 31 − (Σ value×weight mod 31), 31 → 0. Positions 9–17 are the 组织机构代码 (GB 11714) and
 * must be valid on their own.
 */
export function checkUscc(code: string): UsccCheck {
  const s = typeof code === 'string' ? code : '';
  if (s.length !== 18) return bad(`长度应为 18 位，当前为 ${s.length} 位`);
  const charErr = badChar(s, /^[0-9A-HJ-NPQRTUWXY]$/);
  if (charErr) return bad(charErr);

  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(s[i]) * USCC_WEIGHTS[i];
  const expected = USCC_ALPHABET[(31 - (sum % 31)) % 31];
  const orgCode = s.slice(8, 17);
  const org = checkOrgCode(orgCode);
  const result = { orgCode, orgCodeOk: org.ok };

  if (s[17] !== expected) {
    // Only the check character is wrong yet the embedded org code holds: possibly a pilot code.
    return { ...result, ...bad(CHECK_CHAR_WRONG, org.ok ? { pilotCandidate: true } : {}) };
  }
  if (!org.ok) return { ...result, ...bad(`第 9–17 位组织机构代码 ${orgCode} 无效：${org.reason}`) };
  return { ...result, ok: true };
}

/** Days in a month of the Gregorian calendar (GB 11643 birth dates are Gregorian). */
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const isoDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export interface IdNumberOptions {
  /** Reference date for "not in the future" (tests inject it); defaults to now. */
  today?: Date;
  /** Earliest plausible birth year; the platform's rule is 1900 (GB 11643's own sample is 1880). */
  minYear?: number;
}

/**
 * 居民身份证号码, GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male), check character '10X98765432'[Σ mod 11].
 */
export function checkIdNumber(id: string, opts: IdNumberOptions = {}): IdNumberCheck {
  const { today = new Date(), minYear = 1900 } = opts;
  const s = typeof id === 'string' ? id : '';
  if (s.length !== 18) return bad(`长度应为 18 位，当前为 ${s.length} 位`);
  const charErr = badChar(s.slice(0, 17), /^\d$/) ?? (/^[\dXx]$/.test(s[17]) ? undefined : `含有不允许的字符 ${s[17]}`);
  if (charErr) return bad(charErr);

  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return bad(`出生日期 ${birthDate} 不是有效日期`);
  if (y < minYear) return bad(`出生日期 ${birthDate} 早于 ${minYear} 年`);
  // ISO strings compare in date order; the local date is what "today" means to the user.
  if (birthDate > isoDate(today)) return bad(`出生日期 ${birthDate} 晚于今天`);

  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  const expected = ID_CHECK[sum % 11];
  if (s[17].toUpperCase() !== expected) return bad(CHECK_CHAR_WRONG);
  return { ok: true, birthDate, sex: Number(s[16]) % 2 === 1 ? '男' : '女' };
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9 (MIIT numbering plan). */
export function checkMobile(s: string): CodeCheck {
  const v = typeof s === 'string' ? s : '';
  // Reasons start with 格式不正确 so form messages read 「手机号码」格式不正确，… .
  if (!/^\d+$/.test(v)) return bad('格式不正确，应为 11 位数字');
  if (v.length !== 11) return bad(`格式不正确，长度应为 11 位，当前为 ${v.length} 位`);
  return /^1[3-9]\d{9}$/.test(v) ? { ok: true } : bad('格式不正确，应以 13–19 开头');
}

/**
 * A telephone number where any phone will do (联系电话): a mainland mobile number, or a fixed line
 * with its area code — 0757-83214567, 075783214567, (0757)83214567, with an extension
 * (-123, 转123) — or a national service number (400/800 and 95xxx). Spaces and hyphens between
 * digit groups are allowed, as people write them.
 */
export function checkPhone(s: string): CodeCheck {
  const v = typeof s === 'string' ? s.trim() : '';
  const plain = v.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(plain)) return checkMobile(plain);
  if (/^(\(0\d{2,3}\)|0\d{2,3})\d{7,8}((转|ext\.?|#)\d{1,6})?$/i.test(plain)) return { ok: true };
  // An extension after a hyphen: 0757-83214567-123 (the hyphens were removed above).
  if (/^0\d{2,3}-?\d{7,8}-\d{1,6}$/.test(v.replace(/\s/g, ''))) return { ok: true };
  if (/^[48]00\d{7}$/.test(plain) || /^95\d{3,6}$/.test(plain)) return { ok: true };
  return bad('格式不正确，应为手机号码或带区号的固定电话（如 0757-83214567）');
}

/** The formats backed by a check function, for both the server's and the browser's validation. */
export const CODE_FORMATS: Record<string, (s: string) => CodeCheck> = {
  uscc: checkUscc,
  orgcode: checkOrgCode,
  idcard: (s) => checkIdNumber(s), // evaluated per call so "not in the future" uses today's date
  mobile: checkMobile,
  phone: checkPhone,
};

/**
 * Masks an ID number for display and logs (个人信息保护法): keeps the first 6 (address code)
 * and the last 4 characters. Anything too short to keep both is masked entirely.
 */
export function maskIdNumber(id: string): string {
  const s = typeof id === 'string' ? id : '';
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
