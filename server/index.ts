import { DEFAULT_DATABASE_PATH } from './db/client';
import { todayInChina } from './lib/clock';
import { logger } from './lib/logger';
import { serve } from './serve';
import { loadSeedsOnce } from './services/seeds.service';
import { ensureFirstAdmin } from './services/users.service';

const port = Number(process.env.PORT ?? 3000);
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;

// Runs in the primary and in every worker (see serve.ts); `prepare` and the last line only in the primary.
const serving = await serve({
  dbPath,
  port,
  prepare: async (db) => {
    const seeds = loadSeedsOnce(db, todayInChina());
    if (!seeds.skipped) logger.info(`Ingested ${seeds.loaded} seed documents into ${dbPath}`);

    const admin = await ensureFirstAdmin(db, process.env.ZHIBIAO_ADMIN_PASSWORD);
    if (admin.created && admin.generatedPassword) {
      // Printed this once only: it is stored as a scrypt hash and cannot be shown again. Written to the
      // terminal as plain text for the person starting the server, not as a log record a collector would keep.
      process.stdout.write(
        `Created user "admin" with password: ${admin.generatedPassword}\n` +
          'Log in and change it (click your name at the top right, or POST /api/auth/password), or set ZHIBIAO_ADMIN_PASSWORD before the first start.\n',
      );
    } else if (admin.created) {
      logger.info('Created user "admin" with the password in ZHIBIAO_ADMIN_PASSWORD');
    }
  },
});
if (serving) {
  logger.info(`Zhibiao is running on http://localhost:${serving.port} (database: ${dbPath})`);
  logger.info(
    serving.workers === 1
      ? 'One process serves requests (ZHIBIAO_WORKERS=1)'
      : `${serving.workers} worker processes serve requests (ZHIBIAO_WORKERS)`,
  );
}
