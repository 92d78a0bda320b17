// Public surface of the validation module: identity-code checks and form validation.
export {
  checkUscc,
  checkOrgCode,
  checkIdNumber,
  checkMobile,
  checkPhone,
  CODE_FORMATS,
  maskIdNumber,
  type CodeCheck,
  type UsccCheck,
  type IdNumberCheck,
  type IdNumberOptions,
} from './codes.js';
export { createAjv, validateForm, compileDefinitionSchema, schemasAt } from './ajv.js';
export { applyFormDefaults } from './defaults.js';
