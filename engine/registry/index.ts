// Public surface of the type registry.
export { openRegistry, DefinitionError, type Registry } from './store.js';
export { lintBundle } from './lint.js';
export { buildMachine, persistSnapshot, restoreSnapshot, type EngineEvent } from './machine.js';
export { getPointer, pointerKeys, setPointer } from './pointer.js';
export { parseDuration, resolveDelay, isDataDelay, type DelaySpec } from './durations.js';
export { vocabulary, taskRoles, SCOPES, ACTIONS, GUARDS, RULES } from './vocabulary.js';
export { loadRoles, roleList, roleMetaSchema } from './roles.js';
export { loadBundlesFromDisk, DefinitionLoadError, type RegisterDef } from './loader.js';
export type * from './types.js';
