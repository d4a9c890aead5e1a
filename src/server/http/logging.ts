/**
 * Structured logs (pino through Fastify) that never carry personal data: requests
 * are logged by method, route pattern and status only. Query strings and bodies are
 * left out because a search box or an upload may contain a name or a NIK.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      req(request) {
        return {
          method: request.method,
          // routeOptions.url is the pattern (/api/areas/:code); fall back to the path without query.
          route: request.routeOptions?.url ?? request.url.split('?')[0],
          id: request.id,
        };
      },
      res(reply) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
