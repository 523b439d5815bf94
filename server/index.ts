import { createApp } from './app';
import { DEFAULT_DATABASE_PATH, openDatabase } from './db/client';
import { todayInChina } from './lib/clock';
import { loadSeedsOnce } from './services/seeds.service';
import { ensureFirstAdmin } from './services/users.service';

const port = Number(process.env.PORT ?? 3000);
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;

const db = openDatabase(dbPath);
const seeds = loadSeedsOnce(db, todayInChina());
if (!seeds.skipped) console.log(`Ingested ${seeds.loaded} seed documents into ${dbPath}`);

const admin = await ensureFirstAdmin(db, process.env.ZHIBIAO_ADMIN_PASSWORD);
if (admin.created && admin.generatedPassword) {
  // Printed this once only: it is stored as a scrypt hash and cannot be shown again.
  console.log(`Created user "admin" with password: ${admin.generatedPassword}`);
  console.log('Log in and change it (PATCH /api/users/:id), or set ZHIBIAO_ADMIN_PASSWORD before the first start.');
} else if (admin.created) {
  console.log('Created user "admin" with the password in ZHIBIAO_ADMIN_PASSWORD');
}

const app = createApp({ db });
// Behind a reverse proxy, TRUST_PROXY (e.g. `1` or `loopback`) makes req.ip the client's address,
// which login throttling counts by, and req.secure follow X-Forwarded-Proto for the Secure cookie.
if (process.env.TRUST_PROXY) {
  const v = process.env.TRUST_PROXY;
  app.set('trust proxy', /^\d+$/.test(v) ? Number(v) : v);
}
const server = app.listen(port, () => {
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
