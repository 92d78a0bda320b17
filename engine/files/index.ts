// Public surface of uploads: sniffing, storage, download rights and case attachments.
export { sniffFile, extensionOf, zipEntryNames, type Sniffed } from './sniff.js';
export {
  saveUpload, sanitizeFilename, findFile, readFileContent, canDownload, linkFiles,
  type StoredFile, type FileRow, type FileRef, type CanSeeCase,
} from './store.js';
export {
  saveRegistrationUpload, foreignRegistrationFiles, claimRegistrationFiles, sweepRegistrationUploads, TICKET_HOURS, MAX_FILES_PER_TICKET,
} from './registration-uploads.js';
export { inspectXlsx, inspectOfficeZip, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipReport } from './zip-guard.js';
export { formatBytes } from './bytes.js';
