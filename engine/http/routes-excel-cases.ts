// Bulk add to a register from Excel: POST /api/types/:id/import-cases creates one case per row of
// the whole-form template (GET /api/types/:id/excel-template), all or nothing, and answers the
// business number of each row or every row's errors (row, column, value, reason).
import type { EnginePlugin } from './plugin.js';
import { AppError } from '../errors.js';
import { requireUser } from '../auth/index.js';
import { importCaseRows, MAX_CASE_ROWS, receiveXlsx } from '../excel/index.js';

export const excelCaseRoutes: EnginePlugin = async (app, { engine }) => {
  app.post<{ Params: { id: string } }>('/api/types/:id/import-cases', {
    schema: {
      tags: ['excel'], summary: '从 Excel 批量新增（每行一条业务单，全部正确才导入）',
      description: `以 multipart/form-data 上传按导入模板填写的 .xlsx（字段名 file），每行新建一条业务单并办理类型设定的首个操作（如保存）。`
        + `有任一错误则不导入任何一行，答复 400 IMPORT_INVALID，details 为逐行错误（行号、列名、填写值、原因）。一次最多 ${MAX_CASE_ROWS} 行。`,
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    await engine.registry.refresh({ maxAgeMs: 1000 });
    const def = engine.registry.current(req.params.id);
    if (!def || def.settings.registration) throw new AppError('NOT_FOUND', { what: `业务类型 ${req.params.id}` });
    if (!def.settings.starters.includes(user.role)) throw new AppError('FORBIDDEN');
    const upload = await receiveXlsx(engine, req);
    const result = await importCaseRows(engine, user, def, upload);
    reply.status(201);
    return result;
  });
};
