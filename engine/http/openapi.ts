// OpenAPI for the HTTP contract, generated from the route schemas and served at /docs.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Beian 物业管理公众服务平台 API',
        version: '1.0.0',
        description: 'JSON in and out; session cookie `beian_sid` after login; errors as `{ "error": { "code", "message", "details" } }` (codes in docs/errors.md).',
      },
      tags: [
        { name: 'system' }, { name: 'auth', description: '注册与登录' }, { name: 'types', description: '业务类型' },
        { name: 'cases', description: '业务单' }, { name: 'tasks', description: '待办' }, { name: 'files', description: '附件' },
        { name: 'public', description: '公众服务（无需登录）' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'beian_sid' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
