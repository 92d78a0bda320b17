// Excel: a type's import template generated from its form, importing a filled sheet (answered at
// once for small files, as a job with progress for large ones), the job's progress, and the case
// list exported with the list's filters.
import { PassThrough } from 'node:stream';
import type {} from '@fastify/swagger';
import type { EnginePlugin } from './plugin.js';
import { AppError } from '../errors.js';
import { requireUser } from '../auth/index.js';
import type { CaseListQuery } from '../runtime/index.js';
import { buildTemplate, exportFileName, jobView, receiveXlsx, sheetSpec, startImport, writeCaseExport } from '../excel/index.js';
import { contentDisposition } from './disposition.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGS = ['excel'];
const typeParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };
const pathQuery = { type: 'string', maxLength: 200, description: '表单中对象列表的 JSON 指针，如 /houses；省略则为整张表单' };

export const excelRoutes: EnginePlugin = async (app, { engine }) => {
  const typeOf = async (id: string) => {
    await engine.registry.refresh({ maxAgeMs: 1000 });
    const def = engine.registry.current(id);
    if (!def || def.settings.registration) throw new AppError('NOT_FOUND', { what: `业务类型 ${id}` });
    return def;
  };

  app.get<{ Params: { id: string }; Querystring: { path?: string } }>('/api/types/:id/excel-template', {
    schema: {
      tags: TAGS, summary: '下载导入模板（由表单生成）', params: typeParam,
      querystring: { type: 'object', properties: { path: pathQuery } },
    },
  }, async (req, reply) => {
    requireUser(req);
    const spec = sheetSpec(await typeOf(req.params.id), req.query.path);
    const buf = await buildTemplate(spec);
    return reply.header('Content-Type', XLSX).header('Content-Disposition', contentDisposition(`${spec.title}导入模板.xlsx`))
      .header('Cache-Control', 'private, no-store').send(buf);
  });

  app.post<{ Params: { id: string }; Querystring: { path?: string; caseId?: number; async?: boolean } }>('/api/types/:id/import', {
    schema: {
      tags: TAGS, summary: '导入 Excel（逐行校验，全部正确才导入）', params: typeParam, consumes: ['multipart/form-data'],
      description: '以 multipart/form-data 上传 .xlsx，字段名 file。小文件直接答复校验后的行（200）或逐行错误（400 IMPORT_INVALID）；'
        + '大文件（或 async=true）答复 202 {jobId}，用 GET /api/import-jobs/:id 查看进度与结果。带 caseId 时写入该草稿业务单的 path 列表（整体替换）。',
      querystring: {
        type: 'object',
        properties: { path: pathQuery, caseId: { type: 'integer', minimum: 1 }, async: { type: 'boolean' } },
      },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const def = await typeOf(req.params.id);
    const upload = await receiveXlsx(engine, req);
    const wait = req.query.async === undefined ? upload.size <= engine.config.importSyncBytes : !req.query.async;
    const { jobId, done } = await startImport(engine, user, { def, path: req.query.path, caseId: req.query.caseId, upload, keepRows: wait });
    if (!wait) {
      done.catch((err) => req.log.error({ err }, 'import job failed'));
      return reply.status(202).send({ jobId, status: 'running', statusUrl: `/api/import-jobs/${jobId}` });
    }
    const outcome = await done;
    if (outcome.error) throw outcome.error;
    // warnings: columns outside the template that were left out (rowCount counts what was taken).
    return { jobId, status: 'done', rowCount: outcome.rowCount, rows: outcome.rows ?? [], caseId: req.query.caseId ?? null, warnings: outcome.warnings };
  });

  app.get<{ Params: { id: string } }>('/api/import-jobs/:id', {
    schema: {
      tags: TAGS, summary: '导入任务的进度与结果',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } },
    },
  }, async (req) => jobView(engine, requireUser(req), req.params.id));

  app.get<{ Querystring: CaseListQuery }>('/api/cases/export.xlsx', {
    schema: {
      tags: TAGS, summary: '导出业务单列表（按当前筛选，仅本人可见的业务单）',
      querystring: {
        type: 'object',
        properties: {
          type: { type: 'string', maxLength: 64 }, state: { type: 'string', maxLength: 200 },
          status: { type: 'string', enum: ['draft', 'active', 'closed'] }, q: { type: 'string', maxLength: 100 },
          filter: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 10 }] },
        },
      },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const out = new PassThrough();
    writeCaseExport(engine, user, req.query, out).catch((err) => {
      req.log.error({ err }, 'case export failed');
      out.destroy(err as Error);
    });
    return reply.header('Content-Type', XLSX).header('Content-Disposition', contentDisposition(exportFileName(engine, req.query)))
      .header('Cache-Control', 'private, no-store').send(out);
  });
};
