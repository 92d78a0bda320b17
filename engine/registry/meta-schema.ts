// The meta-schema of a type's settings (types/<id>.json). Kept next to the linter that applies it.
const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };

const titled = { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string', minLength: 1 } }, additionalProperties: false };
/** Department dashboard figures of a type (or a register): groups to count by, scores to average. */
export const dashboardMetaSchema = {
  type: 'object', required: ['groupBy'], additionalProperties: false,
  properties: { title: { type: 'string', minLength: 1 }, groupBy: { type: 'array', items: titled, minItems: 1 }, measures: { type: 'array', items: titled } },
};

export const settingsMetaSchema = {
  $id: 'beian:settings',
  type: 'object',
  required: ['title', 'numberPrefix', 'starters'],
  properties: {
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    publicStart: {
      type: 'object', required: ['contactField'],
      properties: { contactField: pointer, maxPerHour: { type: 'integer', minimum: 1 } }, additionalProperties: false,
    },
    menu: { type: 'string' },
    // The left menu's label when the manual names the entry differently from the type (诚信登记).
    menuTitle: { type: 'string', minLength: 1 },
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
        type: 'object', required: ['rule', 'field', 'message'],
        properties: {
          rule: { type: 'string' }, field: pointer, params: { type: 'object' }, message: { type: 'string' },
          severity: { enum: ['error', 'warning'] },
          when: { type: 'object', required: ['path', 'value'], properties: { path: pointer, value: {} }, additionalProperties: false },
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
      type: 'object',
      additionalProperties: {
        type: 'object', required: ['title'],
        properties: { title: { type: 'string' }, states: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
      },
    },
    // Excel import per list (key "/houses", or "/" for the whole form): columns that must be unique in one file.
    imports: {
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
        // The agreement the registrant accepts (业主注册协议 for owners); 机构注册协议 when absent.
        agreement: { type: 'string', minLength: 1 },
        matchEntry: {
          type: 'object', required: ['register', 'parent', 'key', 'fields', 'message'],
          properties: {
            register: { type: 'string' }, parent: pointer, key: { type: 'array', items: pointer, minItems: 1 },
            fields: { type: 'object', additionalProperties: pointer }, message: { type: 'string' },
          },
        },
      },
    },
    fillFromOrg: { type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' }, additionalProperties: pointer },
    // Form fields the server reads from a register entry (the chosen area's name, the company of an area).
    fillFromRegister: {
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' },
      additionalProperties: {
        type: 'object', required: ['register', 'value'], oneOf: [{ required: ['id'] }, { required: ['parent'] }], additionalProperties: false,
        properties: { register: { type: 'string', minLength: 1 }, id: pointer, parent: pointer, value: pointer },
      },
    },
    prefill: {
      type: 'object', additionalProperties: false,
      properties: {
        org: { type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' }, additionalProperties: pointer },
        ownEntry: { type: 'object', required: ['register'], additionalProperties: false, properties: { register: { type: 'string', minLength: 1 } } },
      },
    },
    derived: {
      type: 'object', propertyNames: { pattern: '^(/[^/]+)+$' },
      additionalProperties: {
        type: 'object', required: ['ratio'], additionalProperties: false,
        properties: { ratio: { type: 'array', items: pointer, minItems: 2, maxItems: 2 } },
      },
    },
    publicFields: { type: 'array', items: { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string' } } } },
    objectionForm: { type: 'string', minLength: 1 },
    objections: { type: 'boolean' },
    dashboard: dashboardMetaSchema,
  },
};
