// Upload and download of attachments. Downloads are always served as attachments with the
// sniffed type and nosniff, so a file can never run as a page of this site.
import type { FastifyRequest } from 'fastify';
// Brings the OpenAPI keys (tags, summary, consumes) into Fastify's route schema type.
import type {} from '@fastify/swagger';
import type { EnginePlugin } from './plugin.js';
import { AppError, formInvalid } from '../errors.js';
import { enforceRateLimit, requireUser } from '../auth/index.js';
import { MAX_FILES_PER_TICKET, TICKET_HOURS, canDownload, findFile, readFileContent, saveRegistrationUpload, saveUpload } from '../files/index.js';

const TAGS = ['files'];

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients plus the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

// Anonymous uploads per client address and hour: enough for a few attempts at registering, not
// enough to use the platform as free storage.
const REGISTRATION_UPLOADS_PER_IP = 30;

/** The multipart part named `file`; anything else is drained and refused naming the field. */
async function filePart(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA', { detail: '请以 multipart/form-data 方式上传文件' });
  }
  const part = await req.file();
  if (!part || part.fieldname !== 'file') {
    // Drain a stray part so the connection is not left half-read.
    part?.file.resume();
    throw formInvalid([{ field: '/file', title: '文件', message: '请选择要上传的文件（表单字段名为 file）' }]);
  }
  return part;
}

export const fileRoutes: EnginePlugin = async (app, { engine }) => {
  app.post('/api/public/registration-files', {
    schema: {
      tags: TAGS,
      summary: '机构注册时上传要件（无需登录）',
      description: `以 multipart/form-data 上传，字段名 file；同一次注册的后续上传在请求头 X-Registration-Ticket 中带上首次上传答复的 ticket，`
        + `提交注册时以 uploadTicket 带上。文件仅可用于该次注册，${TICKET_HOURS} 小时内未完成注册即删除；每次注册最多 ${MAX_FILES_PER_TICKET} 个文件。`,
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    await enforceRateLimit(engine, `registration-upload:${req.ip}`, REGISTRATION_UPLOADS_PER_IP, 3_600_000);
    const part = await filePart(req);
    const ticket = req.headers['x-registration-ticket'];
    const stored = await saveRegistrationUpload(engine, typeof ticket === 'string' ? ticket : undefined, { filename: part.filename, stream: part.file });
    return reply.status(201).send(stored);
  });

  app.post('/api/files', {
    schema: {
      tags: TAGS,
      summary: '上传附件',
      description: '以 multipart/form-data 上传，字段名 file。仅接受 PDF、PNG/JPEG/GIF/WebP 图片、Word 和 Excel 文件；按内容识别类型。',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const part = await filePart(req);
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
};
