// A profile (read model) is data: profiles/<name>.json lists its sections, each read from a
// register or from the cases of a type, selected by the organisation (org id) or by its areas
// (the parents of its entries in a register, e.g. the areas it holds contracts for), shown as
// fields, as counts grouped by a field, or both, and marked public or not. Profiles are checked
// against the meta-schema below at start; a broken file stops the start like a broken type.
import fs from 'node:fs';
import path from 'node:path';
import type Ajv from 'ajv';
import { DefinitionError } from '../registry/index.js';

const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };
const field = { type: 'object', required: ['field', 'title'], properties: { field: pointer, title: { type: 'string' } }, additionalProperties: false };

export const profileMetaSchema = {
  type: 'object',
  required: ['title', 'sections'],
  properties: {
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    /** The work area's left-menu group that lists the page for the organisation itself (物业管理). */
    menu: { type: 'string', minLength: 1 },
    /** Organisation kinds that have this profile (e.g. company). */
    orgKinds: { type: 'array', items: { type: 'string' }, minItems: 1 },
    /** The organisation's areas: the parent entries of its active entries in these registers. */
    areas: { type: 'object', required: ['registers'], properties: { registers: { type: 'array', items: { type: 'string' }, minItems: 1 } }, additionalProperties: false },
    sections: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', required: ['name', 'title', 'from'],
        properties: {
          name: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
          title: { type: 'string', minLength: 1 },
          public: { type: 'boolean' },
          from: {
            type: 'object', additionalProperties: false,
            oneOf: [{ required: ['register'] }, { required: ['cases'] }, { required: ['org'] }],
            properties: {
              register: { type: 'string' },
              cases: { type: 'string' },
              /** The organisation's own registration data. */
              org: { const: true },
              /** Case states that count (default: every case that is not a draft). */
              states: { type: 'array', items: { type: 'string' }, minItems: 1 },
              /** Register entry status: active (default) or all (history included, e.g. expired credit records). */
              status: { enum: ['active', 'all'] },
              select: { type: 'array', items: { enum: ['org', 'areas'] }, minItems: 1 },
              /** Data pointer → required value. */
              where: { type: 'object', propertyNames: pointer },
              /** Only the newest matching entry or case (e.g. the current enterprise filing). */
              latest: { type: 'boolean' },
            },
          },
          /** When the section finds nothing, read this instead (e.g. the registration data), with its own fields. */
          fallback: {
            type: 'object', required: ['from'], additionalProperties: false,
            properties: { from: { $ref: '#/properties/sections/items/properties/from' }, fields: { type: 'array', items: field } },
          },
          fields: { type: 'array', items: field },
          groupBy: pointer,
          /** Fields masked (ID numbers) in the public variant, besides any valid ID number found. */
          masked: { type: 'array', items: pointer },
          limit: { type: 'integer', minimum: 1, maximum: 5000 },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

export interface SourceDef {
  register?: string;
  cases?: string;
  org?: true;
  states?: string[];
  status?: 'active' | 'all';
  select?: Array<'org' | 'areas'>;
  where?: Record<string, unknown>;
  latest?: boolean;
}

export interface SectionDef {
  name: string;
  title: string;
  public?: boolean;
  from: SourceDef;
  fallback?: { from: SourceDef; fields?: Array<{ field: string; title: string }> };
  fields?: Array<{ field: string; title: string }>;
  groupBy?: string;
  masked?: string[];
  limit?: number;
}

export interface ProfileDef {
  title: string;
  description?: string;
  menu?: string;
  orgKinds?: string[];
  areas?: { registers: string[] };
  sections: SectionDef[];
}

/** Every profiles/<name>.json under rootDir (none when the folder is absent). */
export function loadProfiles(rootDir: string, ajv: Ajv): Record<string, ProfileDef> {
  const dir = path.join(rootDir, 'profiles');
  // No prototype: profile names come from URLs, and /api/public/profiles/constructor/… must be unknown.
  const out = Object.create(null) as Record<string, ProfileDef>;
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = `profiles/${name}`;
    let def: unknown;
    try {
      def = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (err) {
      throw new DefinitionError([{ file, path: '/', message: `not valid JSON (${(err as Error).message})` }]);
    }
    if (!ajv.validate(profileMetaSchema, def)) {
      throw new DefinitionError((ajv.errors ?? []).map((e) => ({ file, path: e.instancePath || '/', message: e.message ?? 'invalid' })));
    }
    out[name.replace(/\.json$/, '')] = def as ProfileDef;
  }
  return out;
}
