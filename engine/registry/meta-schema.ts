// The meta-schema of a type's settings (types/<id>.json). Kept next to the linter that applies it.
// It is also the one source of the settings' TypeScript types: `npm run gen:types` (scripts/
// gen-types.ts, json-schema-to-typescript) writes type-settings.ts from it, and
// test/generated-types.test.ts fails when that file is not what a fresh generation gives.
// A `title` names a generated type and a `description` becomes its doc comment; neither changes
// what the meta-schema accepts (published types keep loading, docs/definitions.md).
const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };

const titled = { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string', minLength: 1 } }, additionalProperties: false };
/** Department dashboard figures of a type (or a register): groups to count by, scores to average. */
export const dashboardMetaSchema = {
  title: 'DashboardSetting',
  description: 'A dashboard breakdown of a type\'s cases or a register\'s entries: one chart per `groupBy` field (承办企业, 小区), with the count per group and the average of each measure. A pointer reads through lists ("/ratings/score": every collected rating); an object gives its numbers.',
  type: 'object', required: ['groupBy'], additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, description: 'Name of the figures when not the type\'s (register\'s) title, e.g. 满意度调查 for its answers.' },
    groupBy: { type: 'array', items: titled, minItems: 1 },
    measures: { type: 'array', items: titled },
  },
};

export const settingsMetaSchema = {
  $id: 'beian:settings',
  title: 'TypeSettings',
  type: 'object',
  required: ['title', 'numberPrefix', 'starters'],
  properties: {
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    publicStart: {
      description: 'Anyone may start a case without an account (e.g. a complaint), with a contact and a rate limit.',
      type: 'object', required: ['contactField'],
      properties: { contactField: pointer, maxPerHour: { type: 'integer', minimum: 1 } }, additionalProperties: false,
    },
    menu: { type: 'string' },
    // The left menu's label when the manual names the entry differently from the type (诚信登记).
    menuTitle: { type: 'string', minLength: 1, description: 'Label of the type\'s entry in the left menu; the title when absent.' },
    order: { type: 'number' },
    numberPrefix: { type: 'string', pattern: '^[A-Z]{2,8}$' },
    starters: { type: 'array', items: { type: 'string' } },
    titleField: pointer,
    scope: {
      type: 'object',
      properties: {
        district: pointer,
        street: pointer,
        entry: { type: 'object', required: ['register', 'id'], properties: { register: { type: 'string' }, id: pointer } },
      },
      additionalProperties: false,
    },
    listLinks: {
      description: 'Links in each list row to another type\'s list filtered by a field of the row (a facility\'s 维修记录).',
      type: 'array',
      items: {
        type: 'object', required: ['title', 'type', 'filter', 'field'], additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1 }, filter: { type: 'string', minLength: 1 }, field: pointer },
      },
    },
    listColumns: { type: 'array', items: { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string' } } } },
    rules: {
      type: 'array',
      items: {
        title: 'RuleDef',
        type: 'object', required: ['rule', 'field', 'message'],
        properties: {
          rule: { type: 'string' }, field: pointer, params: { type: 'object' }, message: { type: 'string' },
          severity: { enum: ['error', 'warning'] },
          when: {
            description: 'The rule applies only while the field at `path` equals `value` (e.g. only to 前期 contracts).',
            type: 'object', required: ['path', 'value'], properties: { path: pointer, value: {} }, additionalProperties: false,
          },
        },
      },
    },
    delays: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          { type: ['string', 'number'] },
          {
            type: 'object', required: ['fromData', 'unit'], additionalProperties: false,
            properties: { fromData: pointer, unit: { enum: ['day', 'hour', 'minute', 'second'] }, default: { type: ['string', 'number'] } },
          },
        ],
      },
    },
    // states: where the print may be made (e.g. a 备案证明 only once approved); default any non-editable state.
    prints: {
      description: 'Print titles, and optionally the states in which each may be printed.',
      type: 'object',
      additionalProperties: {
        type: 'object', required: ['title'],
        properties: { title: { type: 'string' }, states: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
      },
    },
    // Excel import per list (key "/houses", or "/" for the whole form): columns that must be unique in one file.
    imports: {
      description: 'Excel import settings per list pointer ("/houses", or "/" for the whole form).',
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$|^/$' },
      additionalProperties: {
        type: 'object', additionalProperties: false,
        properties: {
          key: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }, title: { type: 'string' },
          // "/" only: POST /api/types/:id/import-cases creates one case per row and sends it this event (e.g. SAVE).
          event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
          // A list of objects inside a row (a person's 证书) gets this many numbered column groups
          // ("证书1-证书名称" …): pointer of the list → number of slots.
          slots: { type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' }, additionalProperties: { type: 'integer', minimum: 1, maximum: 10 } },
        },
      },
    },
    registration: {
      type: 'object',
      required: ['orgType', 'role', 'codeField', 'codeFormat', 'nameField'],
      properties: {
        orgType: { type: 'string' }, role: { type: 'string' }, codeField: pointer, codeFormat: { enum: ['uscc', 'orgcode', 'idcard'] },
        nameField: pointer, districtField: pointer, localField: pointer,
        agreement: { type: 'string', minLength: 1, description: 'Name of the agreement the registrant accepts (业主注册协议 for owners); 机构注册协议 when absent.' },
        matchEntry: {
          description: 'The registrant must match a register entry (e.g. an owner and the registered house).',
          type: 'object', required: ['register', 'parent', 'key', 'fields', 'message'],
          properties: {
            register: { type: 'string' }, parent: pointer, key: { type: 'array', items: pointer, minItems: 1 },
            fields: { type: 'object', additionalProperties: pointer }, message: { type: 'string' },
          },
        },
      },
    },
    fillFromOrg: {
      description: 'Form fields the server sets from the applicant organisation (form pointer → organisation pointer), overriding input.',
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' }, additionalProperties: pointer,
    },
    fillFromRegister: {
      description: 'Form fields the server reads from a register entry (the chosen area\'s name, the company of an area): form pointer → entry by id or newest under a parent, pointer into it.',
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' },
      additionalProperties: {
        type: 'object', required: ['register', 'value'], oneOf: [{ required: ['id'] }, { required: ['parent'] }], additionalProperties: false,
        properties: { register: { type: 'string', minLength: 1 }, id: pointer, parent: pointer, value: pointer },
      },
    },
    prefill: {
      description: 'Suggested values from the applicant organisation (form pointer → organisation pointer), editable.',
      type: 'object', additionalProperties: false,
      properties: {
        org: {
          type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' },
          additionalProperties: {
            anyOf: [
              pointer,
              {
                // A field that is the applicant's own only for some roles: a developer's 开发建设单位 is
                // itself, while a property company filing the same form names someone else there.
                description: 'An organisation pointer pre-filled only for applicants of the given roles.',
                type: 'object', required: ['from', 'roles'], additionalProperties: false,
                properties: { from: pointer, roles: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
              },
            ],
          },
        },
        ownEntry: {
          description: 'Open a new case with the data of the filing behind the organisation\'s current entry in this register (a re-filing).',
          type: 'object', required: ['register'], additionalProperties: false, properties: { register: { type: 'string', minLength: 1 } },
        },
      },
    },
    derived: {
      description: 'Fields the server computes (pointer → { ratio: [part, whole] }), e.g. shares of a vote.',
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' },
      additionalProperties: {
        type: 'object', required: ['ratio'], additionalProperties: false,
        properties: { ratio: { type: 'array', items: pointer, minItems: 2, maxItems: 2 } },
      },
    },
    publicFields: {
      description: 'What the portal shows of a case while it is in a public state (公示).',
      type: 'array', items: { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string' } } },
    },
    objectionForm: { type: 'string', minLength: 1, description: 'Decision form (forms/decisions/) an 异议 during 公示 must satisfy; default "objection".' },
    objections: { type: 'boolean', description: 'false: a public state is for reading only (e.g. 小区动态), no 异议 are taken.' },
    // Read by the case list; they were in the TypeScript types only until the types came from here.
    filters: {
      description: 'List filters: name → pointer into the data (tags `name:value`, GET /api/cases?filter=name:value).',
      type: 'object', additionalProperties: { type: 'string' },
    },
    searchFields: { description: 'Pointers whose text the list\'s keyword search looks into besides number and title.', type: 'array', items: { type: 'string' } },
    dashboard: dashboardMetaSchema,
  },
};
