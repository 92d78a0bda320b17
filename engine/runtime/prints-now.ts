// Which prints a case may be made in its current state: those its type's settings list, whose
// template exists, and whose `states` include the case's state (by default any state that is not
// an editable draft — a 申请表 is printed once the application is in). The case view lists them,
// so pages offer only the prints that will work; the print route refuses the others.
import type { TypeVersionDef } from '../registry/index.js';
import { isEditable } from './states.js';

interface PrintSetting { title?: string; states?: string[] }

const settingsOf = (def: TypeVersionDef) => (def.settings.prints ?? {}) as Record<string, PrintSetting>;

export const printTitle = (def: TypeVersionDef, name: string) => settingsOf(def)[name]?.title ?? name;

export function printAllowedNow(def: TypeVersionDef, name: string, leaves: string[]): boolean {
  if (!Object.hasOwn(def.prints, name)) return false;
  const states = settingsOf(def)[name]?.states;
  if (!states) return !isEditable(def.workflow, leaves);
  return leaves.some((leaf) => states.some((s) => leaf === s || leaf.startsWith(`${s}.`)));
}

/** The prints of the case's current state, in the order of the type's settings. */
export function printsNow(def: TypeVersionDef, leaves: string[]): Array<{ name: string; title: string }> {
  return Object.keys(settingsOf(def)).filter((name) => printAllowedNow(def, name, leaves)).map((name) => ({ name, title: printTitle(def, name) }));
}
