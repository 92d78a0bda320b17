// What every route plugin is given. Route files export an encapsulated Fastify plugin registered
// with `app.register(plugin, { engine })` (server.ts): its hooks and decorators stay inside it,
// while the global ones (session, CSRF, error and not-found handlers) are set on the root before
// any route plugin and so apply to all of them.
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../context.js';

export interface EngineOptions {
  engine: Engine;
}

export type EnginePlugin = FastifyPluginAsync<EngineOptions>;
