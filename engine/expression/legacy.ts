// The named guards of earlier definitions (dataEquals, dataPresent, decisionEquals, hasFlag) keep
// working as they are; the console shows and edits them as the expressions they are equal to.
import type { Expr } from './evaluate.js';

/** '/company/name' → 'data.company.name' (root 'data' or 'decision'). */
export function pointerToVar(pointer: string, root: 'data' | 'decision' = 'data'): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [root, ...parts].join('.');
}

/** 'data.company.name' → '/company/name'. */
export function varToPointer(name: string): string {
  return '/' + name.split('.').slice(1).map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function legacyGuardToExpr(guard: { type: string; params?: Record<string, unknown> }): Expr | null {
  const p = guard.params ?? {};
  switch (guard.type) {
    case 'expr': return p.expr ?? null;
    case 'dataEquals': return { '===': [{ var: pointerToVar(String(p.path)) }, p.value] };
    case 'decisionEquals': return { '===': [{ var: pointerToVar(String(p.path), 'decision') }, p.value] };
    case 'dataPresent': return { '!!': { var: pointerToVar(String(p.path)) } };
    case 'hasFlag': return { in: [p.code, { var: 'flags' }] };
    default: return null;
  }
}
