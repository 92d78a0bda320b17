// A starting print template written from the form's fields: the department header, a table of the
// fields (optional ones only when filled: templates are compiled strict), each table field as its
// own table, and the signature boxes. The administrator edits it from there.
import type { Field } from '../form/fieldModel';

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]!));

function valueOf(f: Field, path: string): string {
  switch (f.kind) {
    case 'date': return `{{formatDate ${path}}}`;
    case 'boolean': return `{{yesno ${path}}}`;
    case 'number': case 'integer': return `{{number ${path}}}`;
    case 'district': case 'street': return `{{districtName ${path}}}`;
    case 'attachments': return `{{#if ${path}}}{{${path}.length}} 份{{else}}无{{/if}}`;
    default: return f.required && !f.condition ? `{{${path}}}` : `{{#if ${path}}}{{${path}}}{{/if}}`;
  }
}

export const STANDARD_PRINTS: Record<string, string> = { application: '申请表', acceptance: '受理通知书', certificate: '备案证明' };

export function defaultTemplate(name: string, fields: Field[]): string {
  const simple = fields.filter((f) => f.kind !== 'table' && f.kind !== 'other');
  const tables = fields.filter((f) => f.kind === 'table');
  const rows = simple.map((f) => `    <tr><th>${esc(f.title)}</th><td>${valueOf(f, `data.${f.name}`)}</td></tr>`).join('\n');
  const lists = tables.map((t) => {
    const cols = t.columns ?? [];
    return `<h2>${esc(t.title)}</h2>
<table>
  <thead><tr><th style="width:10%;">序号</th>${cols.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>
  <tbody>
    {{#each data.${t.name}}}
    <tr><td class="center">{{seq @index}}</td>${cols.map((c) => `<td>${valueOf({ ...c, required: false }, c.name)}</td>`).join('')}</tr>
    {{/each}}
  </tbody>
</table>`;
  }).join('\n');
  const intro = name === 'acceptance'
    ? `<p><strong>{{org.name}}</strong>：</p>\n<p style="text-indent:2em;">你单位提交的{{type.title}}申请（业务编号：{{case.number}}）材料齐全，予以受理。</p>\n`
    : name === 'certificate'
      ? `<p><strong>{{org.name}}</strong>：</p>\n<p style="text-indent:2em;">你单位报送的{{type.title}}材料（业务编号：{{case.number}}）经审核，准予备案。</p>\n`
      : '';
  const sign = name === 'application'
    ? '{{> signature left="申请单位（盖章）：" right="受理窗口签收：" date=""}}'
    : '{{> signature left="申请单位签收：" right="办理机关（盖章）：" date=(formatDate printedAt)}}';
  return `{{> header}}
${intro}<table class="form">
  <tbody>
${rows}
    <tr><th>申请单位</th><td>{{org.name}}（{{org.code}}）</td></tr>
  </tbody>
</table>
${lists}
${name === 'application' ? '<p>本单位承诺：所填信息及所附材料真实、准确、完整，如有虚假，愿承担相应法律责任。</p>\n' : ''}${sign}
`;
}

/** What a template may print, for the 插入 list: the form's fields and the case's own values. */
export function insertables(fields: Field[]): Array<{ label: string; text: string }> {
  return [
    ...fields.filter((f) => f.kind !== 'other').map((f) => ({ label: `字段：${f.title}`, text: f.kind === 'table' ? `{{#each data.${f.name}}}{{seq @index}} {{/each}}` : valueOf({ ...f, required: false }, `data.${f.name}`) })),
    { label: '业务编号', text: '{{case.number}}' },
    { label: '业务标题', text: '{{case.title}}' },
    { label: '提交日期', text: '{{formatDate case.submittedAt}}' },
    { label: '办结日期', text: '{{formatDate case.closedAt}}' },
    { label: '申请单位名称', text: '{{org.name}}' },
    { label: '申请单位代码', text: '{{org.code}}' },
    { label: '所属区县名称', text: '{{district.name}}' },
    { label: '打印时间', text: '{{formatDate printedAt "time"}}' },
    { label: '办理记录（表格行）', text: '{{#each history}}<tr><td>{{seq @index}}</td><td>{{formatDate at "time"}}</td><td>{{title}}</td><td>{{actorName}}</td><td>{{opinion}}</td></tr>{{/each}}' },
    { label: '公共页眉（部门、编号、二维码）', text: '{{> header}}' },
    { label: '签章栏', text: '{{> signature left="申请单位（盖章）：" right="办理机关（盖章）：" date=""}}' },
  ];
}
