// npm run gen:docs — rewrites the generated vocabulary section of docs/definitions.md from the
// vocabulary entries (engine/vocabulary/docs.ts).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../engine/config.js';
import { withVocabularyDocs } from '../engine/vocabulary/docs.js';

const file = path.join(ROOT_DIR, 'docs/definitions.md');
const before = fs.readFileSync(file, 'utf8');
const after = withVocabularyDocs(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? 'docs/definitions.md is up to date' : 'docs/definitions.md: vocabulary section written');
