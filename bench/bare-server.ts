/**
 * The bench's comparison server: a minimal Fastify app (no plugins, hooks, sessions, schemas or
 * logging) whose one route runs the same service call as `GET /api/areas/:code`, on the same
 * database and pool size as the real server. `npm run bench` starts it as a child process, like
 * the real server, and compares the two servers' throughput at concurrency 16: what the real
 * request pipeline costs over the work itself. Not part of the product.
 */
import Fastify from 'fastify';
import { loadConfig } from '../src/server/config.ts';
import { openConfiguredDatabase } from '../src/server/db/open.ts';
import { getAreaDetail } from '../src/server/modules/areas/service.ts';

const config = loadConfig();
const database = await openConfiguredDatabase(config, { migrate: false });
const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok' }));
app.get<{ Params: { code: string } }>('/api/areas/:code', async (request) =>
  getAreaDetail(database.db, request.params.code),
);
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
await app.listen({ port: config.port, host: config.host });
