// The values a type takes from the applicant's own organisation (settings.fillFromOrg: form
// pointer → pointer into the organisation). The server writes them on every save; the form shows
// them from the start, so fields that depend on them (本地 or 非本地 企业) appear at once.
import type { Json, Org, TypeSettings } from '../api/model';
import { getAt, pointerToPath, setAt } from '../forms/paths';

export function fillFromOrg(settings: TypeSettings, org: Org | null | undefined, data: Json): Json {
  const map = settings.fillFromOrg as Record<string, string> | undefined;
  if (!map || !org) return data;
  const facts = { kind: org.kind, code: org.code, name: org.name, district: org.district, local: org.local, data: org.data ?? {} };
  let out = data;
  for (const [target, source] of Object.entries(map)) {
    const v = getAt(facts, pointerToPath(source));
    if (v !== undefined && v !== null && v !== '') out = setAt(out, pointerToPath(target), v);
  }
  return out;
}
