// A new type from nothing: a form with its district (cases are handled by the district's
// departments), the applicant's draft step leading to a final step, and settings to be filled in.
import type { Bundle } from './api';

/** NF for new-filing, SU for survey: a starting business-number prefix the admin may change. */
export function prefixFor(id: string): string {
  const parts = id.split('-').filter(Boolean);
  const p = parts.length > 1 ? parts.map((x) => x[0]).join('') : (parts[0] ?? 'xx').slice(0, 2);
  return p.toUpperCase().replace(/[^A-Z]/g, 'X').padEnd(2, 'X').slice(0, 8);
}

export function newBundle(id: string, title: string, district: string): Bundle {
  return {
    id,
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title,
      type: 'object',
      required: ['district'],
      properties: { district: { type: 'string', title: '所属区县', format: 'district' } },
      examples: [district ? { district } : {}],
    },
    uiSchema: { 'ui:order': ['district'] },
    workflow: {
      id,
      initial: 'draft',
      states: {
        draft: {
          meta: {
            title: '草稿', editable: true,
            tasks: [{ name: 'fill', title: '填写并提交', role: 'applicant', scope: 'org', events: { SUBMIT: { title: '保存并提交', validate: true } } }],
          },
          on: { SUBMIT: { target: 'done' } },
        },
        done: { type: 'final', meta: { title: '已办结', outcome: 'approved' } },
      },
    },
    settings: { title, numberPrefix: prefixFor(id), starters: ['developer', 'company'], scope: { district: '/district' } },
    prints: {},
  };
}
