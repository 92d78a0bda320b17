// The console's API is one plugin under /api/admin whose own hook requires the admin role
// (engine/http/admin-area.ts). A route with an /api/admin URL registered anywhere else would
// escape that hook, so the server refuses to start with one.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ADMIN_PREFIX, refuseStrayAdminRoute } from '../engine/http/admin-area.js';

const server = () => {
  const app = Fastify();
  app.addHook('onRoute', refuseStrayAdminRoute);
  return app;
};

describe('the admin area', () => {
  it('accepts admin routes inside the prefixed plugin, however deeply registered', async () => {
    const app = server();
    await app.register(async (admin) => {
      await admin.register(async (inner) => { inner.get('/types', async () => ({})); });
    }, { prefix: ADMIN_PREFIX });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  it('refuses an /api/admin route registered outside it', async () => {
    const app = server();
    const start = async () => {
      await app.register(async (other) => { other.get('/api/admin/stray', async () => ({})); });
      await app.ready();
    };
    await expect(start()).rejects.toThrow('GET /api/admin/stray is an admin route outside the admin plugin');
    await app.close().catch(() => undefined);
  });
});
