// Reads the built-in types from disk: forms/<id>.schema.json (+ .ui.json), workflows/<id>.workflow.json,
// types/<id>.json (settings) and print-templates/<id>.<name>.hbs, plus the shared decision forms
// (forms/decisions/) and registers (registers/). A type on disk is the same bundle an admin exports.
import fs from 'node:fs';
import path from 'node:path';
import type { RegisterDef, TypeBundle } from './types.js';

/** Where each part of a bundle came from, so a problem can name the file. */
export type PartFiles = Record<'schema' | 'uiSchema' | 'workflow' | 'settings', string> & { prints: Record<string, string> };

export interface LoadedBundle {
  bundle: TypeBundle;
  files: PartFiles;
}

export class DefinitionLoadError extends Error {
  constructor(readonly file: string, readonly jsonPath: string, readonly reason: string) {
    super(`${file} ${jsonPath || '/'}: ${reason}`);
  }
}

function readJson(file: string, rootDir: string): unknown {
  const rel = path.relative(rootDir, file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DefinitionLoadError(rel, '', 'file is missing');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DefinitionLoadError(rel, '', `not valid JSON (${(err as Error).message})`);
  }
}

export function loadBundlesFromDisk(rootDir: string): LoadedBundle[] {
  const formsDir = path.join(rootDir, 'forms');
  const ids = fs.readdirSync(path.join(rootDir, 'types'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  const templates = fs.existsSync(path.join(rootDir, 'print-templates'))
    ? fs.readdirSync(path.join(rootDir, 'print-templates')).filter((f) => f.endsWith('.hbs'))
    : [];
  return ids.map((id) => {
    const rel = (...p: string[]) => path.join(...p);
    const files: PartFiles = {
      schema: rel('forms', `${id}.schema.json`),
      uiSchema: rel('forms', `${id}.ui.json`),
      workflow: rel('workflows', `${id}.workflow.json`),
      settings: rel('types', `${id}.json`),
      prints: {},
    };
    const prints: Record<string, string> = {};
    for (const f of templates) {
      const m = f.match(/^(.+)\.([a-z0-9-]+)\.hbs$/);
      if (m && m[1] === id) {
        files.prints[m[2]] = rel('print-templates', f);
        prints[m[2]] = fs.readFileSync(path.join(rootDir, 'print-templates', f), 'utf8');
      }
    }
    const uiPath = path.join(formsDir, `${id}.ui.json`);
    const bundle: TypeBundle = {
      id,
      schema: readJson(path.join(rootDir, files.schema), rootDir) as TypeBundle['schema'],
      uiSchema: fs.existsSync(uiPath) ? (readJson(uiPath, rootDir) as object) : {},
      workflow: readJson(path.join(rootDir, files.workflow), rootDir) as TypeBundle['workflow'],
      settings: readJson(path.join(rootDir, files.settings), rootDir) as TypeBundle['settings'],
      prints,
    };
    return { bundle, files };
  });
}

/** Shared print partials: print-templates/_<name>.hbs. */
export function loadPartials(rootDir: string): Record<string, string> {
  const dir = path.join(rootDir, 'print-templates');
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.startsWith('_') && f.endsWith('.hbs'))
      .map((f) => [f.slice(1, -4), fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

export function loadDecisionForms(rootDir: string): Record<string, object> {
  const dir = path.join(rootDir, 'forms', 'decisions');
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json'))
      .map((f) => [f.slice(0, -'.schema.json'.length), readJson(path.join(dir, f), rootDir) as object]),
  );
}

export function loadRegisters(rootDir: string): Record<string, RegisterDef> {
  const dir = path.join(rootDir, 'registers');
  // No prototype: register names come from URLs, and /api/registers/constructor must be unknown, not Object.
  return Object.assign(Object.create(null) as Record<string, RegisterDef>, Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
      .map((f) => [f.slice(0, -'.json'.length), readJson(path.join(dir, f), rootDir) as RegisterDef]),
  ));
}

export type { RegisterDef } from './types.js';
