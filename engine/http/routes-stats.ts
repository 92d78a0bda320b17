// GET /api/stats/cases(.xlsx): the department dashboard (engine/runtime/dashboard.ts), as JSON or as
// an .xlsx with one sheet per figure. Departments and administrators only.
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { dashboardStats, requireStaff, type DashboardStats } from '../runtime/index.js';
import { writeTablesXlsx, type SheetTable } from '../excel/index.js';
import { contentDisposition } from './disposition.js';

/** The figures as workbook sheets: the same numbers the dashboard charts and tables show. */
function statsTables(s: DashboardStats): SheetTable[] {
  return [
    {
      name: '业务量', header: ['业务类型', '环节', '业务数', '草稿', '办理中', '已办结'],
      rows: s.byType.flatMap((t) => [[t.title, '合计', t.total, t.draft, t.active, t.closed], ...t.states.map((st) => [t.title, st.title, st.count, null, null, null])]),
    },
    { name: '待办与逾期', header: ['业务类型', '待办环节', '待办数', '逾期数'], rows: s.tasks.map((t) => [t.typeTitle, t.task, t.open, t.overdue]) },
    { name: '近12个月', header: ['月份', '提交', '办结'], rows: s.trend.map((t) => [t.month, t.submitted, t.closed]) },
    ...s.breakdowns.map((b) => ({
      name: b.title, header: [b.group, '数量', ...b.measures],
      rows: b.rows.map((r) => [r.label, r.count, ...r.values]),
    })),
  ];
}

const STATS_SCHEMA = {
  tags: ['cases'],
  description: '受理窗口、审核人员看本区县已提交的业务，系统管理员看全部。投诉、报修、满意度调查、考评按企业、小区的统计由各业务类型（及名录）定义的 dashboard 设置给出。',
};

export const statsRoutes: EnginePlugin = async (app, { engine }) => {
  app.get('/api/stats/cases', {
    schema: { ...STATS_SCHEMA, summary: '业务统计：按业务类型、环节、状态的业务单数，待办与逾期，按企业、小区的投诉报修与满意度、考评得分（限本辖区）' },
  }, async (req) => dashboardStats(engine, requireStaff(engine.registry.roles, requireUser(req))));

  app.get('/api/stats/cases.xlsx', {
    schema: { ...STATS_SCHEMA, summary: '导出业务统计（Excel，每项统计一个工作表）' },
  }, async (req, reply) => {
    const stats = await dashboardStats(engine, requireStaff(engine.registry.roles, requireUser(req)));
    const name = `业务统计-${stats.scope.districtName ?? '全市'}-${stats.generatedAt.slice(0, 10)}.xlsx`;
    return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(name))
      .send(await writeTablesXlsx(statsTables(stats)));
  });
};
