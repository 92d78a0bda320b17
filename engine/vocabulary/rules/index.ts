// Every rule a type's settings.rules may name, one entry per file (title, parameter schema, code),
// so the check, runRules, the console and the docs all read the same entry. The order here is the
// order of docs/definitions.md. Files without a default export (values, rows, failures, dates,
// ratio) are helpers the rules share.
import type { RuleEntry } from '../entry.js';
import sumAtMost from './sum-at-most.js';
import dateOrder from './date-order.js';
import notFuture from './not-future.js';
import prefixOf from './prefix-of.js';
import uniqueInRegister from './unique-in-register.js';
import existsInRegister from './exists-in-register.js';
import rowsCountBetween from './rows-count-between.js';
import rowsCountOdd from './rows-count-odd.js';
import rowsValueCount from './rows-value-count.js';
import rowsMatchRegister from './rows-match-register.js';
import ratioAtLeast from './ratio-at-least.js';
import ratioMoreThan from './ratio-more-than.js';
import daysBetweenAtMost from './days-between-at-most.js';
import yearsBetweenAtMost from './years-between-at-most.js';
import codeValid from './code-valid.js';
import rowsUnique from './rows-unique.js';
import rowsNotRegistered from './rows-not-registered.js';
import rowsAtMost from './rows-at-most.js';
import rowSumAtMost from './row-sum-at-most.js';
import daysBetweenAtLeast from './days-between-at-least.js';
import requiredAfterDays from './required-after-days.js';
import equalsRegisterField from './equals-register-field.js';
import idNumberMatches from './id-number-matches.js';
import rowsDateAfter from './rows-date-after.js';
import rowsDatePassed from './rows-date-passed.js';
import uniqueAmongCases from './unique-among-cases.js';
import numberAtMost from './number-at-most.js';
import jsonSchema from './json-schema.js';
import matchesSchemaInEntry from './matches-schema-in-entry.js';
import entryListIncludes from './entry-list-includes.js';

export const RULE_ENTRIES: Record<string, RuleEntry<unknown>> = {
  sumAtMost, dateOrder, notFuture, prefixOf, uniqueInRegister, existsInRegister,
  rowsCountBetween, rowsCountOdd, rowsValueCount, rowsMatchRegister, ratioAtLeast, ratioMoreThan,
  daysBetweenAtMost, yearsBetweenAtMost, codeValid,
  rowsUnique, rowsNotRegistered, rowsAtMost, rowSumAtMost, daysBetweenAtLeast, requiredAfterDays, equalsRegisterField,
  idNumberMatches, rowsDateAfter, rowsDatePassed, uniqueAmongCases, numberAtMost,
  jsonSchema, matchesSchemaInEntry, entryListIncludes,
} as Record<string, RuleEntry<unknown>>;
