// Public surface of the administration module (types, drafts, simulation, bundles, audit).
export { diffJson, type DiffEntry } from './diff.js';
export { simulate, type SimStep } from './simulate.js';
export { exportBundle, importBundle, BUNDLE_FORMAT, type BundleFile } from './bundles.js';
export { audit } from './audit.js';
export { pathCoverage, type PathCoverage } from './paths.js';
