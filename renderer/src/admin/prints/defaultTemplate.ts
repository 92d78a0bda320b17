// A starting print template written from the form's fields: the department header, a table of the
// fields (optional ones only when filled: templates are compiled strict, so a value or a group
// that may be missing is printed inside {{#if}}), each group as a titled section, each list as its
// own table, the attachments as a list with their counts, and the signature and date boxes. The
// administrator edits it from there.
import type { Field } from '../form/fieldModel';

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]!));
const optional = (f: Field) => !f.required || !!f.condition;
const SECTIONED = ['group', 'table', 'attachments', 'custom', 'other'];

function valueOf(f: Field, path: string): string {
  switch (f.kind) {
    case 'date': return `{{formatDate ${path}}}`;
    case 'datetime': return `{{formatDate ${path} "time"}}`;
    case 'daterange': return `{{#if ${path}}}{{formatDate ${path}.start}} 至 {{formatDate ${path}.end}}{{/if}}`;
    case 'boolean': return `{{yesno ${path}}}`;
    case 'number': case 'integer': return `{{number ${path}}}`;
    case 'district': case 'street': return `{{districtName ${path}}}`;
    case 'multiselect': case 'tags': return `{{join ${path} "、"}}`;
    case 'entries': return `{{#if ${path}}}{{${path}.length}} 项{{/if}}`;
    case 'attachments': return `{{#if ${path}}}{{${path}.length}} 份{{else}}无{{/if}}`;
    default: return optional(f) ? `{{#if ${path}}}{{${path}}}{{/if}}` : `{{${path}}}`;
  }
}

const ifPresent = (f: Field, path: string, body: string) => (optional(f) ? `{{#if ${path}}}\n${body}\n{{/if}}` : body);
const rowsOf = (fields: Field[], base: string) => fields.filter((f) => !SECTIONED.includes(f.kind)).map((f) => `    <tr><th>${esc(f.title)}</th><td>${valueOf(f, `${base}.${f.name}`)}</td></tr>`);

function listTable(t: Field, path: string): string {
  const cols = (t.columns ?? []).filter((c) => !['group', 'table', 'custom', 'other'].includes(c.kind));
  return ifPresent(t, path, `<h2>${esc(t.title)}</h2>
<table>
  <thead><tr><th style="width:10%;">序号</th>${cols.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>
  <tbody>
    {{#each ${path}}}
    <tr><td class="center">{{seq @index}}</td>${cols.map((c) => `<td>${valueOf({ ...c, required: false }, c.name)}</td>`).join('')}</tr>
    {{/each}}
  </tbody>
</table>`);
}

/** The sections (groups and lists) of `fields` under `base`, groups' own lists included. */
function sections(fields: Field[], base: string): string[] {
  return fields.flatMap((f) => {
    const path = `${base}.${f.name}`;
    if (f.kind === 'table') return [listTable(f, path)];
    if (f.kind !== 'group') return [];
    const own = rowsOf(f.children ?? [], path);
    const body = [own.length ? `<h2>${esc(f.title)}</h2>\n<table class="form">\n  <tbody>\n${own.join('\n')}\n  </tbody>\n</table>` : '', ...sections(f.children ?? [], path)].filter(Boolean).join('\n');
    return body ? [ifPresent(f, path, body)] : [];
  });
}

/** The attachment lists of the form, groups' included, as [title, path, the group paths that may be missing]. */
function attachmentsOf(fields: Field[], base: string, guards: string[] = []): Array<[string, string, string[]]> {
  return fields.flatMap((f) => {
    const path = `${base}.${f.name}`;
    if (f.kind === 'attachments') return [[f.title, path, guards] as [string, string, string[]]];
    if (f.kind === 'group') return attachmentsOf(f.children ?? [], path, optional(f) ? [...guards, path] : guards);
    return [];
  });
}

function attachmentList(fields: Field[]): string {
  const list = attachmentsOf(fields, 'data');
  if (!list.length) return '';
  const rows = list.map(([title, path, guards], i) => {
    const row = `<tr><td class="center">${i + 1}</td><td>${esc(title)}</td><td class="num">{{#if ${path}}}{{${path}.length}}{{else}}0{{/if}}</td></tr>`;
    return `    ${guards.reduceRight((inner, g) => `{{#if ${g}}}${inner}{{/if}}`, row)}`;
  });
  return `<h2>附件清单</h2>
<table>
  <thead><tr><th style="width:12%;">序号</th><th>材料名称</th><th style="width:18%;">份数</th></tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody>
</table>
`;
}

export const STANDARD_PRINTS: Record<string, string> = { application: '申请表', acceptance: '受理通知书', certificate: '备案证明' };

export function defaultTemplate(name: string, fields: Field[]): string {
  const rows = rowsOf(fields, 'data').join('\n');
  const lists = sections(fields, 'data').join('\n');
  const intro = name === 'acceptance'
    ? `<p><strong>{{org.name}}</strong>：</p>\n<p style="text-indent:2em;">你单位提交的{{type.title}}申请（业务编号：{{case.number}}）材料齐全，予以受理。</p>\n`
    : name === 'certificate'
      ? `<p><strong>{{org.name}}</strong>：</p>\n<p style="text-indent:2em;">你单位报送的{{type.title}}材料（业务编号：{{case.number}}）经审核，准予备案。</p>\n`
      : '';
  const application = name === 'application';
  const sign = application
    ? '{{> signature left="申请单位（盖章）：" right="受理窗口签收：" date=""}}'
    : '{{> signature left="申请单位签收：" right="办理机关（盖章）：" date=(formatDate printedAt)}}';
  return `{{> header}}
${intro}<table class="form">
  <tbody>
${rows}
    <tr><th>申请单位</th><td>{{org.name}}（{{org.code}}）</td></tr>
${application ? '    <tr><th>提交日期</th><td>{{formatDate case.submittedAt}}</td></tr>\n' : ''}  </tbody>
</table>
${lists}
${application ? attachmentList(fields) : ''}${application ? '<p>本单位承诺：所填信息及所附材料真实、准确、完整，如有虚假，愿承担相应法律责任。</p>\n' : ''}${sign}
`;
}

/** What a template may print, for the 插入 list: the form's fields and the case's own values. */
export function insertables(fields: Field[]): Array<{ label: string; text: string }> {
  return [
    ...fields.filter((f) => f.kind !== 'other' && f.kind !== 'custom' && f.kind !== 'group').map((f) => ({ label: `字段：${f.title}`, text: f.kind === 'table' ? `{{#each data.${f.name}}}{{seq @index}} {{/each}}` : valueOf({ ...f, required: false }, `data.${f.name}`) })),
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
