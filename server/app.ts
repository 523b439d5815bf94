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
import { logger as defaultLogger, type Logger, requestLogger } from './lib/logger';
import { actualsRoutes } from './routes/actuals.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { documentsRoutes } from './routes/documents.routes';
import { exportRoutes } from './routes/export.routes';
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
  app.set('query parser', 'simple');
  // Served over plain HTTP on an intranet as often as behind TLS: don't force https sub-requests.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  api.use(healthRoutes(db));
  // Everything below needs a session; state-changing requests also need its CSRF token.
  api.use(loadSession((token) => authenticate(db, token, now())));
  api.use(csrfProtection(['POST /auth/login']));
  api.use(authRoutes(db, now));
  api.use(requireRole('viewer'));
  api.use(referenceRoutes());
  api.use(usersRoutes(db));
  api.use(auditRoutes(db, today));
  api.use(actualsRoutes(db, today));
  api.use(targetsRoutes(db, today));
  api.use(documentsRoutes(db, today));
  api.use(exportRoutes(db, today));
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
    req.log.error({ err }, 'The response failed after it had started');
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
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.parse.failed') return send(400, 'BAD_JSON', 'The request body is not valid JSON.');
  if (e.type === 'entity.too.large') return send(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  req.log.error({ err }, 'Unexpected error');
  return send(500, 'INTERNAL', 'Something went wrong on the server; the error has been logged.');
};
