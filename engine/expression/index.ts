// Expressions (JSON Logic) for guards and conditional fields: evaluate, check, describe in
// Chinese, and translate to and from JSON Schema `if`. Isomorphic: the renderer imports this too.
export { evaluateExpr, exprHolds, statePaths, OPERATORS, SCOPE_ROOTS, type Expr, type ExprScope } from './evaluate.js';
export { checkExpr, type ExprProblem, type ExprCheckOptions } from './check.js';
export { describeExpr, type VarLabel } from './describe.js';
export { exprToSchemaIf, schemaIfToExpr } from './schema-condition.js';
export { pointerToVar, varToPointer, legacyGuardToExpr } from './legacy.js';
