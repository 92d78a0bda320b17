// Public surface of profiles (read models defined as data, e.g. 企业信息详情).
export { loadProfiles, profileMetaSchema, type ProfileDef, type SectionDef } from './definition.js';
export { buildProfile, type ProfileOrg } from './read-model.js';
