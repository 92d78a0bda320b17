// Every guard a workflow transition may name ("guard": { "type": name, "params": … }).
import type { GuardEntry } from '../entry.js';
import expr from './expr.js';
import dataEquals from './data-equals.js';
import dataPresent from './data-present.js';
import decisionEquals from './decision-equals.js';
import hasFlag from './has-flag.js';

export const GUARD_ENTRIES: Record<string, GuardEntry<unknown>> = {
  expr, dataEquals, dataPresent, decisionEquals, hasFlag,
} as Record<string, GuardEntry<unknown>>;
