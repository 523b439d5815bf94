import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

/**
 * The server's log: JSON lines in production (NODE_ENV=production), for a log collector; elsewhere readable
 * lines through pino-pretty (a dev dependency, so a production install without it also gets JSON).
 * LOG_LEVEL sets the level (default info). Written synchronously, so a line is out before the process exits.
 */
async function destination(): Promise<DestinationStream | undefined> {
  if (process.env.NODE_ENV === 'production') return undefined;
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'hostname', singleLine: true });
  } catch {
    return undefined;
  }
}

const stream = await destination();
export const logger: Logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, ...(stream ? [stream] : []));

/** The URL as requested (Express's routers rewrite `req.url` below their mount point). */
const pathOf = (req: IncomingMessage) => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;

/** A request id the client or a proxy sent, if it is a sane one to repeat in logs and the response. */
const CLIENT_ID = /^[\w.:-]{1,100}$/;

/**
 * Logs every request once it is answered, and gives it `req.log`: a child logger whose every line carries the
 * request's id (`reqId`), which is also sent back as `X-Request-Id` so a user's report can be matched to the log.
 */
export function requestLogger(log: Logger = logger) {
  return pinoHttp({
    logger: log,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} in ${Math.round(ms)} ms`,
    customErrorMessage: (req, res, err) => `${req.method} ${pathOf(req)} ${res.statusCode}: ${err.message}`,
    // What a request line needs; headers (and their credentials) stay out of the log.
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
