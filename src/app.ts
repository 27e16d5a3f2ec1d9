// The whole platform put together: every capability's routes on one server. A new capability adds its
// route module to this list and nothing else.
import type { AppContext } from './platform/app-context';
import { buildServer, type RouteModule } from './platform/http/server';
import { healthRoutes } from './platform/http/health-routes';
import { authRoutes } from './platform/auth/auth-routes';
import { registryRoutes } from './registry';
import { feedsRoutes } from './feeds/feeds-routes';
import { monitoringRoutes } from './monitoring';
import { caseworkRoutes } from './casework';
import { benefitsRoutes } from './benefits/routes/benefits-routes';

export const ROUTE_MODULES: RouteModule[] = [healthRoutes, authRoutes, registryRoutes, feedsRoutes, monitoringRoutes, caseworkRoutes, benefitsRoutes];

export function createApp(ctx: AppContext, options: { logger?: boolean } = {}) {
  return buildServer(ctx, ROUTE_MODULES, options);
}
