import { describe, it, expect } from 'vitest';
import { checkUscc, checkOrgCode, checkIdNumber, checkMobile, checkPhone, maskIdNumber } from '../engine/validation/index.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes from the companies' business licences (national enterprise credit system).
  it.each([
    ['华为技术有限公司', '914403001922038216', '192203821'],
    ['北京小米科技有限责任公司', '91110108551385082Q', '551385082'],
    ['阿里巴巴（中国）有限公司', '91330100716105852F', '716105852'],
    ['深圳市腾讯计算机系统有限公司', '91440300708461136T', '708461136'],
  ])('accepts %s %s and its embedded org code', (_name, code, org) => {
    expect(checkUscc(code)).toEqual({ ok: true, orgCode: org, orgCodeOk: true });
  });

  it('names the expected check character and flags a possible pilot code', () => {
    const r = checkUscc('91110108551385082A');
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('校验位错误，请核对号码');
    // The embedded org code 55138508-2 is valid, so only the final character is off.
    expect(r.pilotCandidate).toBe(true);
  });

  it('rejects an invalid embedded org code even when the final check character matches', () => {
    // Built from 小米's code with position 17 changed and the GB 32100 check recomputed.
    const r = checkUscc('91110108551385083U');
    expect(r.ok).toBe(false);
    expect(r.orgCodeOk).toBe(false);
    expect(r.reason).toContain('组织机构代码 551385083');
    expect(r.reason).toContain('校验位错误');
    expect(r.pilotCandidate).toBeUndefined();
  });

  it('is not a pilot candidate when the org code is broken too', () => {
    const r = checkUscc('91110108551385083Q');
    expect(r.ok).toBe(false);
    expect(r.pilotCandidate).toBeUndefined();
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the forbidden letter %s', (ch) => {
    const r = checkUscc(`9111010855138508${ch}Q`);
    expect(r).toEqual({ ok: false, reason: `含有不允许的字符 ${ch}` });
  });

  it('asks for uppercase letters and the right length', () => {
    expect(checkUscc('91110108551385082q').reason).toBe('字母应为大写：q');
    expect(checkUscc('9111010855138508').reason).toBe('长度应为 18 位，当前为 16 位');
    expect(checkUscc(' 91110108551385082Q').ok).toBe(false);
    expect(checkUscc('').ok).toBe(false);
  });
});

describe('组织机构代码 (GB 11714)', () => {
  it('accepts real codes with or without the hyphen', () => {
    expect(checkOrgCode('19220382-1')).toEqual({ ok: true });
    expect(checkOrgCode('192203821')).toEqual({ ok: true });
    expect(checkOrgCode('71610585-2')).toEqual({ ok: true });
  });

  it('maps check value 10 to X and 11 to 0', () => {
    // 1·3 + 1·4 + 8·2 = 23, 23 mod 11 = 1, 11 − 1 = 10 → X
    expect(checkOrgCode('10000018X').ok).toBe(true);
    expect(checkOrgCode('100000181').reason).toBe('校验位错误，请核对号码');
    // 1·3 + 4·2 = 11, 11 mod 11 = 0, 11 − 0 = 11 → 0
    expect(checkOrgCode('10000004-0').ok).toBe(true);
    expect(checkOrgCode('10000004-1').reason).toBe('校验位错误，请核对号码');
  });

  it('takes letters as A=10 … Z=35 in the body', () => {
    // D=13: 13·3 + 1·7 + 2·9 + 3·10 + 4·5 + 5·8 + 6·4 + 7·2 = 192, 192 mod 11 = 5 → 6
    expect(checkOrgCode('D1234567-6').ok).toBe(true);
    expect(checkOrgCode('D1234567-1').reason).toBe('校验位错误，请核对号码');
  });

  it('rejects bad length and characters', () => {
    expect(checkOrgCode('12345678').ok).toBe(false);
    expect(checkOrgCode('1922038-21').ok).toBe(false);
    expect(checkOrgCode('19220382Y').reason).toBe('含有不允许的字符 Y');
  });
});

describe('居民身份证号码 (GB 11643-1999)', () => {
  const today = new Date(2026, 0, 15);

  it('accepts the standard’s sample numbers and derives birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X', { today })).toEqual({ ok: true, birthDate: '1949-12-31', sex: '女' });
    expect(checkIdNumber('11010519491231002x', { today }).ok).toBe(true);
    // The 1880 sample has a correct check digit but predates the platform's 1900 floor.
    expect(checkIdNumber('440524188001010014', { today, minYear: 1800 })).toEqual({
      ok: true, birthDate: '1880-01-01', sex: '男',
    });
    expect(checkIdNumber('440524188001010014', { today }).reason).toBe('出生日期 1880-01-01 早于 1900 年');
  });

  it('names the expected check character', () => {
    expect(checkIdNumber('110105194912310021', { today })).toEqual({ ok: false, reason: '校验位错误，请核对号码' });
    expect(checkIdNumber('440524188001010015', { today, minYear: 1800 }).reason).toBe('校验位错误，请核对号码');
  });

  it('requires a real calendar date, not in the future', () => {
    expect(checkIdNumber('110105194902300020', { today }).reason).toBe('出生日期 1949-02-30 不是有效日期');
    expect(checkIdNumber('110105190002290017', { today }).reason).toContain('不是有效日期'); // 1900 is not leap
    expect(checkIdNumber('110105200002290013', { today }).birthDate).toBe('2000-02-29'); // 2000 is
    expect(checkIdNumber('110105209912310010', { today }).reason).toBe('出生日期 2099-12-31 晚于今天');
  });

  it('rejects bad length and characters', () => {
    expect(checkIdNumber('110105491231002', { today }).reason).toBe('长度应为 18 位，当前为 15 位');
    expect(checkIdNumber('11010519491231002Y', { today }).reason).toBe('含有不允许的字符 Y');
    expect(checkIdNumber('1101051949123100XX', { today }).reason).toBe('含有不允许的字符 X');
  });

  it('masks all but the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
});

describe('手机号码', () => {
  it.each(['13800138000', '19912345678', '16612345678'])('accepts %s', (m) => {
    expect(checkMobile(m)).toEqual({ ok: true });
  });
  it.each([
    ['12345678901', '13–19'],
    ['1380013800', '当前为 10 位'],
    ['138001380001', '当前为 12 位'],
    ['1380013800a', '11 位数字'],
    ['+8613800138000', '11 位数字'],
  ])('rejects %s', (m, hint) => {
    const r = checkMobile(m);
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('格式不正确');
    expect(r.reason).toContain(hint);
  });
});

describe('联系电话 (phone: a mobile or a fixed line)', () => {
  it.each(['13800138000', '0757-83214567', '075783214567', '(0757)83214567', '0757 8321 4567', '020-12345678', '0757-83214567-123', '0757-83214567转123', '400-123-4567', '95599'])('accepts %s', (p) => {
    expect(checkPhone(p)).toEqual({ ok: true });
  });
  it.each(['0757-8321', '83214567', '12345678901', '138001380001', 'abc', '0757-832145678901'])('rejects %s', (p) => {
    const r = checkPhone(p);
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('格式不正确');
  });
});
