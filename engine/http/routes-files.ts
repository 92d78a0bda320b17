// Upload and download of attachments. Downloads are always served as attachments with the
// sniffed type and nosniff, so a file can never run as a page of this site.
import type { FastifyInstance } from 'fastify';
// Brings the OpenAPI keys (tags, summary, consumes) into Fastify's route schema type.
import type {} from '@fastify/swagger';
import type { Engine } from '../context.js';
import { AppError, formInvalid } from '../errors.js';
import { requireUser } from '../auth/index.js';
import { canDownload, findFile, readFileContent, saveUpload } from '../files/index.js';

const TAGS = ['files'];

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients plus the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export async function fileRoutes(app: FastifyInstance, engine: Engine): Promise<void> {
  app.post('/api/files', {
    schema: {
      tags: TAGS,
      summary: '上传附件',
      description: '以 multipart/form-data 上传，字段名 file。仅接受 PDF、PNG/JPEG/GIF/WebP 图片、Word 和 Excel 文件；按内容识别类型。',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    if (!req.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA', { detail: '请以 multipart/form-data 方式上传文件' });
    }
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      // Drain a stray part so the connection is not left half-read.
      part?.file.resume();
      throw formInvalid([{ field: '/file', title: '文件', message: '请选择要上传的文件（表单字段名为 file）' }]);
    }
    const stored = await saveUpload(engine, user, { filename: part.filename, stream: part.file });
    return reply.status(201).send(stored);
  });

  app.get('/api/files/:id', {
    schema: {
      tags: TAGS,
      summary: '下载附件',
      description: '上传者本人，或可查看该附件所属业务单的用户可下载；其他情况一律答复未找到。',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const { id } = req.params as { id: string };
    // Absent and not-yours give the same 404, so ids cannot be probed.
    const allowed = await canDownload(engine, user, id, engine.canSeeCase);
    const file = allowed ? await findFile(engine, id) : null;
    if (!file) throw new AppError('NOT_FOUND', { what: '文件' });
    const content = await readFileContent(engine, file);
    return reply
      .header('Content-Type', file.mime)
      .header('Content-Length', content.length)
      .header('Content-Disposition', contentDisposition(file.name))
      .header('X-Content-Type-Options', 'nosniff')
      // Even if a browser rendered it inline, nothing in it may run or load.
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(content);
  });
}
