// What the form's widgets and templates may ask of the page around them (rjsf formContext).
import type { UploadedFile } from '../api/client';
import type { FormDataStore } from './formDataStore';

export interface FileInfo { name: string; size?: number; mime?: string }

export interface FormContextValue {
  /** Names and sizes of attachments by id (the case's attachments and this session's uploads). */
  files: Record<string, FileInfo>;
  rememberFile(file: UploadedFile): void;
  /** Uploading needs a login (registration forms cannot upload yet). */
  canUpload: boolean;
  /**
   * The whole form data (the street select follows the district beside it). A store, not the
   * value: the context stays the same object while the applicant types (see formDataStore.ts).
   */
  data: FormDataStore;
  /** Replaces the value at a JSON pointer (Excel import fills a table). */
  setAt(pointer: string, value: unknown): void;
  idPrefix: string;
  typeId?: string;
  /** Excel template download and import are offered when the server has them. */
  excel?: { template: boolean; import: boolean };
  readonly?: boolean;
  /** Per-row results of the server's check (POST …/check) for tables marked "check": true. */
  rowChecks?: Record<string, RowCheck[]>;
}

export interface RowCheck {
  row: number;
  ok: boolean;
  errors: Array<{ field: string; message: string }>;
  warnings: Array<{ field: string; message: string }>;
}
