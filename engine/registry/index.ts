// Public surface of the type registry.
export { openRegistry, DefinitionError, type Registry } from './store.js';
export { lintBundle } from './lint.js';
export { buildMachine, persistSnapshot, type EngineEvent } from './machine.js';
export { getPointer, pointerKeys, setPointer } from './pointer.js';
export { parseDuration, resolveDelay, isDataDelay, type DelaySpec } from './durations.js';
export { vocabulary, ROLES, SCOPES, ACTIONS, GUARDS, RULES } from './vocabulary.js';
export { loadBundlesFromDisk, DefinitionLoadError, type RegisterDef } from './loader.js';
export type * from './types.js';
