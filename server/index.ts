import { type Db, DEFAULT_DATABASE_PATH } from './db/client';
import { todayInChina } from './lib/clock';
import { logger } from './lib/logger';
import { serve } from './serve';
import { reextractDocuments } from './services/reextract.service';
import { loadSeedsOnce } from './services/seeds.service';
import { ensureFirstAdmin } from './services/users.service';

const port = Number(process.env.PORT ?? 3000);
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;

/**
 * Documents an older engine read are read again before any request is served (in the primary, before workers
 * fork), keeping analysts' work (reextract.service). A document that fails is left as it was and named; nothing
 * here stops the start.
 */
function reextractStale(db: Db): void {
  try {
    const { documents, totals: t, engineVersion } = reextractDocuments(db, { today: todayInChina() });
    for (const d of documents) {
      if (d.outcome === 'failed')
        logger.error(`Could not re-extract document ${d.documentId} (${d.fileName}), left as it was: ${d.error}`);
    }
    if (t.documents) {
      logger.info(
        `Re-extracted ${t.documents} documents read by an older engine (now v${engineVersion}): ${t.added} figures added, ` +
          `${t.kept} kept, ${t.changed} changed, ${t.gone} gone, ${t.flagged} flagged for review`,
      );
    }
  } catch (err) {
    logger.error(`Re-extraction at start failed; documents are left as they were: ${String(err)}`);
  }
}

// Runs in the primary and in every worker (see serve.ts); `prepare` and the last line only in the primary.
const serving = await serve({
  dbPath,
  port,
  prepare: async (db) => {
    const seeds = loadSeedsOnce(db, todayInChina());
    if (!seeds.skipped) logger.info(`Ingested ${seeds.loaded} seed documents into ${dbPath}`);
    reextractStale(db);

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
