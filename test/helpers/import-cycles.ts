// Finds import cycles among the TypeScript files under a directory, reading their relative imports.
// Type-only imports (`import type`, `export type`) count too: they vanish at run time, but a
// circle of types is still two modules that cannot be understood (or moved) one without the other,
// and dependency graphs (madge, farm-studio) draw them.
// Hand-written because madge (the usual tool) is not installed and this needs only relative paths.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The runtime imports of each file: relative paths resolved to .ts files. */
export function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(dir)) {
    const src = readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4];
      out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
    graph.set(file, out);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files (relative to dir) around it. */
export function importCycles(dir: string): string[][] {
  const graph = importGraph(dir);
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(dir, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
