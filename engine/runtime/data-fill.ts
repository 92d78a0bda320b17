// Values the server writes into a case's data rather than trusting the browser: fields taken from
// the applicant organisation's registration (settings.fillFromOrg: form pointer → pointer into the
// organisation, as settings.prefill.org reads it, e.g. "/local": "/local" — 是否本地企业 chosen at
// registration decides which enterprise form applies; unlike prefill, the value cannot be changed)
// and computed shares (settings.derived, e.g. 参与表决业主人数占比), and the schema's defaults
// (engine/validation/defaults.ts). Applied on create, on every save
// and before validation, so what is stored, checked and printed is the same.
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { getPointer } from '../registry/pointer.js';
import type { TypeVersionDef } from '../registry/types.js';
import { addYears } from './rule-checks.js';
import { orgFacts } from './prefill.js';
import { fillFromRegister } from './register-fill.js';
import { applyFormDefaults } from '../validation/index.js';

type Data = Record<string, unknown>;

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function keysOf(pointer: string): string[] {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (keys.length === 0 || keys.some((k) => UNSAFE.has(k))) throw new Error(`unsafe pointer ${pointer}`);
  return keys;
}

/** Sets (or, for undefined, removes) the value at pointer in place, creating objects on the way. */
function put(doc: Data, pointer: string, value: unknown) {
  const keys = keysOf(pointer);
  let cur: Data = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null || Array.isArray(cur[k])) {
      if (value === undefined) return;
      cur[k] = {};
    }
    cur = cur[k] as Data;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

export interface DerivedField {
  /** part / whole, rounded to 4 decimals (a share: 0.6667 = 66.67%). */
  ratio: [string, string];
}

/** The data with the organisation's registration values and the derived fields written in. */
export async function fillData(engine: Engine, def: TypeVersionDef, typed: Data, orgId: number | null, t?: Transaction): Promise<Data> {
  // Schema defaults first, as the browser fills them when the form opens (what was typed stays).
  const data = applyFormDefaults(def.schema, typed);
  const fromOrg = def.settings.fillFromOrg ?? {};
  const derived = (def.settings.derived ?? {}) as Record<string, DerivedField>;
  // Register values come last: they may depend on what the organisation filled in (an owner's area).
  if (Object.keys(fromOrg).length === 0 && Object.keys(derived).length === 0) return fillFromRegister(engine.db, def, data, t);
  const out = structuredClone(data);
  if (Object.keys(fromOrg).length && orgId) {
    const org = await orgFacts(engine.db, orgId, t);
    for (const [ptr, source] of Object.entries(fromOrg)) {
      const v = org ? getPointer(org, source) : undefined;
      put(out, ptr, v === null ? undefined : v);
    }
  }
  for (const [ptr, d] of Object.entries(derived)) {
    const part = getPointer(out, d.ratio[0]);
    const whole = getPointer(out, d.ratio[1]);
    const ok = typeof part === 'number' && typeof whole === 'number' && Number.isFinite(part) && whole > 0;
    put(out, ptr, ok ? Math.round((part / whole) * 10_000) / 10_000 : undefined);
  }
  return fillFromRegister(engine.db, def, out, t);
}

/** validFrom / validUntil of a register entry valid for whole years from a date in the data. */
export function entryValidity(data: Data, validity?: { from: string; years: number }): Data {
  if (!validity) return {};
  const from = getPointer(data, validity.from);
  if (typeof from !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(from)) return {};
  const end = new Date(`${addYears(from, validity.years)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { validFrom: from.slice(0, 10), validUntil: end.toISOString().slice(0, 10) };
}
