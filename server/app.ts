import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import type { Db } from './db/client';
import { csrfProtection, loadSession, requireRole } from './lib/auth';
import { todayInChina } from './lib/clock';
import { AppError, TooManyRequestsError } from './lib/errors';
import { logger as defaultLogger, type Logger, requestLog, requestLogger } from './lib/logger';
import { bySegment } from './lib/routing';
import { isDatabaseBusy } from './lib/validate';
import { actualsRoutes } from './routes/actuals.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { batchesRoutes } from './routes/batches.routes';
import { documentsRoutes } from './routes/documents.routes';
import { exportRoutes } from './routes/export.routes';
import { indicatorsRoutes } from './routes/indicators.routes';
import { healthRoutes, referenceRoutes } from './routes/reference.routes';
import { targetsRoutes } from './routes/targets.routes';
import { usersRoutes } from './routes/users.routes';
import { authenticate } from './services/auth.service';

export interface AppOptions {
  db: Db;
  /** Today's date as YYYY-MM-DD; injectable so tests can fix the calendar that statuses depend on. */
  today?: () => string;
  /** The clock sessions and login lockouts run on; injectable so tests can let a lock expire. */
  now?: () => Date;
  /** Folder of the built client; served with an SPA fallback when it exists. */
  clientDir?: string;
  /** Where requests and errors are logged (lib/logger's by default; tests pass a quieter one). */
  logger?: Logger;
}

const defaultClientDir = fileURLToPath(new URL('../dist/client', import.meta.url));

/** Builds the HTTP app around a database. It never listens: server/index.ts and the tests do. */
export function createApp({
  db,
  today = () => todayInChina(),
  now = () => new Date(),
  clientDir = defaultClientDir,
  logger = defaultLogger,
}: AppOptions) {
  const app = express();
  app.use(requestLogger(logger));
  app.disable('x-powered-by');
  // No ETags on what res.send/res.json write: every API response is no-store, so no browser ever asks again with
  // If-None-Match, and hashing each one (a page of targets is 50 KB) was work for nothing. Static files keep theirs.
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Served over plain HTTP on an intranet as often as behind TLS: don't force https sub-requests.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  // Everything under /api is about the signed-in user's data (the audit log with addresses, the user list, the
  // targets): no browser or proxy cache may keep it. A route that serves public data (the region list) says so.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(bySegment(healthRoutes(db)));
  // Everything below needs a session; state-changing requests also need its CSRF token.
  api.use(loadSession((token) => authenticate(db, token, now())));
  api.use(csrfProtection(['POST /auth/login']));
  api.use(bySegment(authRoutes(db, now)));
  api.use(requireRole('viewer'));
  api.use(bySegment(referenceRoutes()));
  api.use(bySegment(usersRoutes(db)));
  api.use(bySegment(auditRoutes(db, today)));
  api.use(bySegment(actualsRoutes(db, today)));
  api.use(bySegment(batchesRoutes(db, today)));
  api.use(bySegment(targetsRoutes(db, today)));
  api.use(bySegment(documentsRoutes(db, today)));
  api.use(bySegment(exportRoutes(db, today)));
  api.use(bySegment(indicatorsRoutes(db, today)));
  // Each router above is entered only by paths under its own routes' first segments (lib/routing.ts).
  api.use((req, _res, next) => next(new AppError(404, 'NOT_FOUND', `No API route ${req.method} ${req.path}`)));
  app.use('/api', api);

  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile('index.html', { root: clientDir, maxAge: 0 }));
  }

  app.use(errorHandler);
  return app;
}

/** Every error becomes `{ error: { code, message, details } }`; a 500 hides its internals. */
const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    // Mid-stream (a CSV export): the status is sent already, so cut the response short and log why.
    requestLog(req).error({ err }, 'The response failed after it had started');
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  const send = (status: number, code: string, message: string, details?: unknown) =>
    res.status(status).json({ error: { code, message, details } });
  if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  if (err instanceof AppError) return send(err.status, err.code, err.message, err.details);
  if (err instanceof ZodError) {
    return send(
      400,
      'VALIDATION_ERROR',
      'The request is not valid.',
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return send(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than the 10 MB limit.');
    return send(400, 'BAD_UPLOAD', `The upload is not valid: ${err.message}.`);
  }
  const e = err as { type?: string; status?: number; expose?: boolean; encoding?: string; charset?: string };
  if (e.type === 'entity.parse.failed') return send(400, 'BAD_JSON', 'The request body is not valid JSON.');
  if (e.type === 'entity.too.large') return send(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  // What follows are the client's mistakes, answered 400 and not logged as server faults (issue 11).
  if (e.type === 'encoding.unsupported') {
    return send(
      400,
      'UNSUPPORTED_ENCODING',
      `The Content-Encoding "${e.encoding}" is not supported; send the body as is, or gzip, deflate or br.`,
    );
  }
  if (e.type === 'charset.unsupported') {
    return send(400, 'UNSUPPORTED_CHARSET', `The charset "${e.charset}" is not supported; send UTF-8.`);
  }
  // The router could not decode a path parameter (a malformed % escape such as /api/targets/%E0%A4%A).
  if (err instanceof URIError && e.status === 400) {
    return send(400, 'BAD_PATH', 'The address has a malformed % escape.');
  }
  // busboy's parse errors reach us through multer, which adds `storageErrors`: the multipart body is malformed
  // (a NUL in a file name, a bad part header, a body cut short).
  if (err instanceof Error && 'storageErrors' in err) {
    return send(400, 'BAD_UPLOAD', `The upload is not valid multipart form data: ${err.message}.`);
  }
  // Any other error a body parser or the router marks as the client's (http-errors: a 4xx meant to be shown).
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose !== false) {
    return send(e.status, 'BAD_REQUEST', err instanceof Error ? err.message : 'The request is not valid.');
  }
  if (isDatabaseBusy(err)) {
    // Still locked after route()'s retries: a passing state of the database, not a fault of the request.
    res.setHeader('Retry-After', '2');
    return send(503, 'DATABASE_BUSY', 'The database is busy with other writes; try again in a moment.');
  }
  requestLog(req).error({ err }, 'Unexpected error');
  return send(500, 'INTERNAL', 'Something went wrong on the server; the error has been logged.');
};
