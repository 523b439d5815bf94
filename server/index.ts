import { createApp } from './app';
import { DEFAULT_DATABASE_PATH, openDatabase } from './db/client';
import { todayInChina } from './lib/clock';
import { loadSeedsOnce } from './services/seeds.service';

const port = Number(process.env.PORT ?? 3000);
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;

const db = openDatabase(dbPath);
const seeds = loadSeedsOnce(db, todayInChina());
if (!seeds.skipped) console.log(`Ingested ${seeds.loaded} seed documents into ${dbPath}`);

const server = createApp({ db }).listen(port, () => {
  console.log(`Zhibiao is running on http://localhost:${port} (database: ${dbPath})`);
});

function shutdown() {
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
