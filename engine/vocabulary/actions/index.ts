// Every action a workflow may name in entry, exit or a transition's actions.
import type { ActionEntry } from '../entry.js';
import registerEntry from './register-entry.js';
import setFlag from './set-flag.js';
import clearFlag from './clear-flag.js';
import setData from './set-data.js';
import startCase from './start-case.js';
import aggregateNumbers from './aggregate-numbers.js';
import retireEntries from './retire-entries.js';
import keepEntry from './keep-entry.js';

export const ACTION_ENTRIES: Record<string, ActionEntry<unknown>> = {
  registerEntry, setFlag, clearFlag, setData, startCase, aggregateNumbers, retireEntries, keepEntry,
} as Record<string, ActionEntry<unknown>>;
