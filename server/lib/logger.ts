import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';

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

interface RequestLog {
  id: string;
  base: Logger;
  child?: Logger;
}

const requestLogs = new WeakMap<IncomingMessage, RequestLog>();

/**
 * The logger of a request: every line it writes carries the request's id (`reqId`), the one sent back as
 * `X-Request-Id`. Made on first use: most requests never log anything but their one line.
 */
export function requestLog(req: IncomingMessage): Logger {
  const entry = requestLogs.get(req);
  if (!entry) return logger;
  entry.child ??= entry.base.child({ reqId: entry.id });
  return entry.child;
}

/**
 * Logs every request once it is answered (or its connection closes first), one JSON line with its id, method,
 * URL, client address, status and time; a 5xx at level error. The id is the client's `X-Request-Id` when it is a
 * sane one, else a new UUID, and is sent back so that a user's report can be matched to the log. Headers (and
 * their credentials) stay out of the log.
 *
 * Written here rather than with pino-http: that built two child loggers per request, each serialising the whole
 * request with its headers for bindings the line then left out, 5 % of the server's CPU under the mixed load.
 */
export function requestLogger(log: Logger = logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const start = Date.now();
    const sent = req.headers['x-request-id'];
    const id = typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : randomUUID();
    res.setHeader('X-Request-Id', id);
    requestLogs.set(req, { id, base: log });
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const ms = Date.now() - start;
      const status = res.statusCode;
      const line = {
        reqId: id,
        req: { method: req.method, url: pathOf(req), remoteAddress: req.socket.remoteAddress },
        res: { statusCode: status },
        responseTime: ms,
      };
      const msg = `${req.method} ${pathOf(req)} ${status} in ${ms} ms`;
      if (status >= 500) log.error(line, msg);
      else log.info(line, msg);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
