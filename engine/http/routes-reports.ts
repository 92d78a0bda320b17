// Summaries of a register's entries for charts (GET /api/reports/:register): per field of an
// object in the entries (the answers of survey responses), counts per option and averages, over
// all and per group (?groupBy=/areaName, /companyName). Scoped like the registers: with parentId
// (one survey), whoever may see that parent entry — its organisation (the survey's creator), the
// departments of its district, an administrator — sees the summary of all its children, never the
// entries themselves; without it, a department summarises its district, an organisation its own.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { getPointer } from '../registry/index.js';
import { findVisibleEntry, reportEntryData, summariseEntries } from '../runtime/index.js';

const pointer = { type: 'string', pattern: '^(/[^/]*)*$', maxLength: 200 };
const MAX_ENTRIES = 20_000;

interface ReportQuery { parentId?: number; field: string; groupBy?: string; schema?: string }

export const reportRoutes: EnginePlugin = async (app, { engine }) => {
  app.get<{ Params: { register: string }; Querystring: ReportQuery }>('/api/reports/:register', {
    schema: {
      tags: ['registers'],
      summary: '名录统计：按字段统计各选项人数、数值平均分，可按分组（如小区、企业）；如某次满意度调查的结果',
      description: '例：/api/reports/survey-responses?parentId=5&field=/answers&schema=/questions&groupBy=/areaName',
      params: { type: 'object', required: ['register'], properties: { register: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } } },
      querystring: {
        type: 'object', required: ['field'],
        properties: {
          parentId: { type: 'integer', minimum: 1 },
          field: { ...pointer, description: '条目数据中要统计的对象（如 /answers）' },
          groupBy: { ...pointer, description: '分组字段（如 /areaName、/companyName）' },
          schema: { ...pointer, description: '上级条目数据中说明各字段的 JSON Schema（如 /questions），用于字段名称与选项' },
        },
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const { register } = req.params;
    if (!engine.registry.registers[register]) throw new AppError('NOT_FOUND', { what: `名录 ${register}` });
    const { parentId, field, groupBy } = req.query;
    let schema: unknown;
    if (parentId) {
      // The parent (a survey) decides who may read the summary of its children (the responses).
      const parent = await findVisibleEntry(engine, user, parentId);
      if (!parent) throw new AppError('NOT_FOUND', { what: '名录条目' });
      if (req.query.schema) schema = getPointer(parent.data, req.query.schema);
    }
    const entries = await reportEntryData(engine, user, register, parentId, MAX_ENTRIES);
    const summary = summariseEntries(entries, { field, groupBy, schema });
    return { register, parentId: parentId ?? null, field, groupBy: groupBy ?? null, ...summary };
  });
};
