// The meta-schema of a type's settings (types/<id>.json). Kept next to the linter that applies it.
const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };

export const settingsMetaSchema = {
  $id: 'beian:settings',
  type: 'object',
  required: ['title', 'numberPrefix', 'starters'],
  properties: {
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    menu: { type: 'string' },
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
    listColumns: { type: 'array', items: { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string' } } } },
    rules: {
      type: 'array',
      items: {
        type: 'object', required: ['rule', 'field', 'message'],
        properties: {
          rule: { type: 'string' }, field: pointer, params: { type: 'object' }, message: { type: 'string' },
          severity: { enum: ['error', 'warning'] },
        },
      },
    },
    delays: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    prints: { type: 'object', additionalProperties: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } } },
    registration: {
      type: 'object',
      required: ['orgType', 'role', 'codeField', 'codeFormat', 'nameField'],
      properties: {
        orgType: { type: 'string' }, role: { type: 'string' }, codeField: pointer, codeFormat: { enum: ['uscc', 'orgcode'] },
        nameField: pointer, districtField: pointer, localField: pointer,
      },
    },
  },
};
