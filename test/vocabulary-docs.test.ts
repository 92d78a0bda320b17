// docs/definitions.md documents the guard language and every vocabulary entry in a section
// generated from the entries (npm run gen:docs); this fails when the two differ, naming the fix.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../engine/config.js';
import { DOCS_END, DOCS_START, vocabularyDocs, withVocabularyDocs } from '../engine/vocabulary/docs.js';
import { ACTION_ENTRIES } from '../engine/vocabulary/actions/index.js';
import { GUARD_ENTRIES } from '../engine/vocabulary/guards/index.js';
import { RULES } from '../engine/registry/vocabulary.js';

const doc = fs.readFileSync(path.join(ROOT_DIR, 'docs/definitions.md'), 'utf8');

describe('docs/definitions.md vocabulary section', () => {
  it('is what the entries generate (run npm run gen:docs after changing an entry)', () => {
    expect(doc.includes(DOCS_START) && doc.includes(DOCS_END)).toBe(true);
    expect(withVocabularyDocs(doc) === doc, 'docs/definitions.md is out of date: run npm run gen:docs').toBe(true);
  });

  it('names every guard, action and rule with its title, and a changed title changes the section', () => {
    const section = vocabularyDocs();
    for (const [name, e] of [...Object.entries(GUARD_ENTRIES), ...Object.entries(ACTION_ENTRIES), ...Object.entries(RULES)]) {
      expect(section, name).toContain(`| \`${name}\` | ${e.title.replace(/\|/g, '\\|')}`);
    }
    const saved = GUARD_ENTRIES.hasFlag.title;
    GUARD_ENTRIES.hasFlag.title = '改过的标题';
    try {
      expect(withVocabularyDocs(doc)).not.toBe(doc);
    } finally {
      GUARD_ENTRIES.hasFlag.title = saved;
    }
  });
});
