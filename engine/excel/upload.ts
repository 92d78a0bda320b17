// An uploaded workbook goes to a temporary file, never into memory: the streaming reader and the
// zip checks read it from disk. Over the size limit the upload is cut off and refused (413).
import type {} from '@fastify/multipart'; // req.isMultipart() and req.file()
import type { FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-files.js';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Engine } from '../context.js';
import { AppError, formInvalid } from '../errors.js';

export interface TempUpload {
  file: string;
  name: string;
  size: number;
  /** Deletes the temporary file and its folder; safe to call twice. */
  remove(): Promise<void>;
}

import { formatBytes } from '../files/index.js';
export { formatBytes };

/** Writes `stream` to a new temporary file, refusing it past `limit` bytes. */
export async function saveTemp(stream: Readable & { truncated?: boolean }, name: string, limit: number): Promise<TempUpload> {
  const dir = await makeTempDir('beian-import-');
  const file = path.join(dir, 'upload.xlsx');
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  let size = 0;
  let over = false;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      // Keep draining past the limit (writing nothing) so the client reads our answer, not a reset.
      if (size > limit) over = true;
      cb(null, over ? undefined : chunk);
    },
  });
  try {
    await pipeline(stream, count, fs.createWriteStream(file));
  } catch (err) {
    await remove();
    throw err;
  }
  if (over || stream.truncated) {
    await remove();
    throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(limit) });
  }
  return { file, name, size, remove };
}

/** The .xlsx of a multipart request (field `file`), saved to a temporary file within the import limit. */
export async function receiveXlsx(engine: Engine, req: FastifyRequest): Promise<TempUpload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { detail: '请以 multipart/form-data 方式上传 .xlsx 文件' });
  const limit = engine.config.importLimitBytes;
  const part = await req.file({ limits: { fileSize: limit + 1 }, throwFileSizeLimit: false });
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw formInvalid([{ field: '/file', title: '文件', message: '请选择要导入的 Excel 文件（表单字段名为 file）' }]);
  }
  return saveTemp(part.file, part.filename, limit);
}
