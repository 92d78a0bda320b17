// What the form's widgets and templates may ask of the page around them (rjsf formContext).
import type { UploadedFile, uploadFile } from '../api/client';

/** Uploads one file with progress, as uploadFile does. */
export type Uploader = (file: File, onProgress: (fraction: number) => void) => ReturnType<typeof uploadFile>;
import type { FormDataStore } from './formDataStore';

export interface FileInfo { name: string; size?: number; mime?: string }

export interface FormContextValue {
  /** Names and sizes of attachments by id (the case's attachments and this session's uploads). */
  files: Record<string, FileInfo>;
  rememberFile(file: UploadedFile): void;
  /** Whether the form may upload (a login, or an uploader of its own such as 机构注册's). */
  canUpload: boolean;
  /** Where files go when not POST /api/files (registration: anonymous uploads bound to the attempt); their download needs a login. */
  uploader?: Uploader;
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
