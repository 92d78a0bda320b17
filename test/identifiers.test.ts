// Identifiers generated from Chinese titles (the console never asks an administrator to type one).
import { beforeAll, describe, expect, it } from 'vitest';
import { identifierFrom, loadPinyin, titleWords } from '../renderer/src/admin/identifiers.js';

// The console loads the dictionary on first need (a dynamic import), as here.
beforeAll(() => loadPinyin());

describe('identifiers from Chinese titles', () => {
  it('reads the title in pinyin, in the style of the place it is used', () => {
    expect(identifierFrom('物业区域备案', [], 'kebab')).toBe('wu-ye-qu-yu-bei-an');
    expect(identifierFrom('联系电话', [], 'camel')).toBe('lianXiDianHua');
    expect(identifierFrom('同意', [], 'upper')).toBe('TONG_YI');
    expect(titleWords('2号楼 B座')).toEqual(['2', 'hao', 'lou', 'b', 'zuo']);
  });
  it('reads polyphones by their word (银行 is yin hang, not yin xing)', () => {
    expect(identifierFrom('开户银行', [], 'camel')).toBe('kaiHuYinHang');
  });
  it('never repeats a taken identifier and always starts with a letter', () => {
    expect(identifierFrom('备注', ['beiZhu'], 'camel')).toBe('beiZhu2');
    expect(identifierFrom('备注', ['beiZhu', 'beiZhu2'], 'camel')).toBe('beiZhu3');
    expect(identifierFrom('2026年计划', [], 'kebab')).toMatch(/^[a-z][a-z0-9-]+$/);
    expect(identifierFrom('！！', [], 'camel')).toBe('ziDuan');
  });
});
