// Public surface of the administration module (types, drafts, simulation, bundles, audit).
export { diffJson, type DiffEntry } from './diff.js';
export { simulate, type SimStep } from './simulate.js';
export { exportBundle, importBundle, BUNDLE_FORMAT, type BundleFile } from './bundles.js';
export { audit, auditPage } from './audit.js';
export { discardDraft, listTypes, readDraft, saveDraft, toBundle } from './type-catalog.js';
export { pathCoverage, type PathCoverage } from './paths.js';
