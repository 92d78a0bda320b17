// /api/admin: the console's API, one prefixed plugin. Its own onRequest hook requires the admin
// role of every route inside it; the root's hook has already answered 401 to a caller without a
// session, so anyone else signed in gets 403 here before a route runs. server.ts refuses an
// /api/admin route registered anywhere else, so no admin route can escape this hook.
import { requireRole } from '../auth/index.js';
import type { EnginePlugin } from './plugin.js';
import { adminRoutes } from './routes-admin.js';
import { adminPrintRoutes } from './routes-admin-print.js';
import { adminTimerRoutes } from './routes-admin-timers.js';

export const ADMIN_PREFIX = '/api/admin';

/** An onRoute hook for the root: an /api/admin route registered outside this plugin would escape its hook. */
export function refuseStrayAdminRoute(r: { method: string | string[]; url: string; prefix: string }): void {
  if (r.url.startsWith(`${ADMIN_PREFIX}/`) && r.prefix !== ADMIN_PREFIX) {
    throw new Error(`${[r.method].flat().join(',')} ${r.url} is an admin route outside the admin plugin: register it in engine/http/admin-area.ts`);
  }
}

export const adminArea: EnginePlugin = async (admin, { engine }) => {
  admin.addHook('onRequest', async (req) => { requireRole(req, 'admin'); });
  // Only the engine is passed on: the options given here also carry this plugin's prefix.
  await admin.register(adminRoutes, { engine });
  await admin.register(adminPrintRoutes, { engine }); // console: print template preview
  await admin.register(adminTimerRoutes, { engine });
};
