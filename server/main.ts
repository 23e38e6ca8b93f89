// npm start: the explorer on the configured engine (embedded by default).
import { pino } from 'pino';
import { z } from 'zod';
import { createApp, startWebServer } from './api/app.ts';
import { createGraphStore } from './store/createGraphStore.ts';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.string().default('info'),
  ANSWER_CACHE_MB: z.coerce.number().min(0).default(32),
});

const config = Config.parse(process.env);
const logger = pino({ level: config.LOG_LEVEL });

const store = await createGraphStore();
const counts = await store.counts();
const app = createApp({
  store,
  logger,
  rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  corsOrigins: config.CORS_ORIGINS,
  answerCacheBytes: Math.round(config.ANSWER_CACHE_MB * 1024 * 1024),
});
const server = await startWebServer(app, config.PORT, config.HOST);
logger.info({ engine: store.engine, nodes: counts.nodes, edges: counts.edges, url: server.url }, `Secretum écoute sur ${server.url}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  try {
    await server.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
