// Public surface of Excel templates, imports and exports.
export { sheetSpec, headerText, normalizeHeader, type Column, type SheetSpec } from './columns.js';
export { columnRules } from './rules-text.js';
export { buildTemplate, sheetName } from './template.js';
export { inspectXlsx, inspectOfficeZip, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipReport } from '../files/index.js';
export { convertCell, cellText } from './cells.js';
export { readFirstSheet, READER_OPTIONS, type SheetRow } from './sheet-reader.js';
export { SheetImport, type RowError, type SheetOutcome } from './row-import.js';
export { saveTemp, receiveXlsx, formatBytes, type TempUpload } from './upload.js';
export { startImport, jobView, stopImportJobs, toJobView, type JobView, type JobOutcome, type ImportInput } from './jobs.js';
export { writeCaseExport, exportFileName } from './export.js';
export { writeTablesXlsx, type SheetTable } from './tables.js';
export { importCaseRows, MAX_CASE_ROWS, type CaseRowsResult } from './case-rows.js';
export { removeOrphanTempDirs } from './temp-files.js';
