import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../graphql/request-context';
import type { AuthenticationInput } from '../graphql/authenticated-context';
import { RefusedError, type Credentials } from '../domain/admission';
import { runWithRequestLog } from '../observability/request-log-context';
import { ForbiddenError } from '../domain/errors';
import { InFlight } from '../support/in-flight';
import { isLoopbackAddress } from '../support/client-address';
import type { GatewayMetrics } from '../observability/gateway-metrics';
import type { Log } from '../logger';
import type { FinishOperation } from '../observability/operation-recorders';
import { OperationRecord } from '../observability/operation-record';
import { dashboardPage } from '../pages/dashboard.page';
import { BODY_TOO_LARGE_MESSAGE, isJsonContentType, MAX_BODY_BYTES, refusalBody, UNSUPPORTED_MEDIA_TYPE_MESSAGE } from './request-limits';
import { playgroundPage } from '../pages/playground.page';
import { internalErrorMessage } from '../graphql/format-error';

/** The playground's scripts and styles, served from the project's own dependencies (no CDN). */
const PLAYGROUND_ASSETS: Readonly<Record<string, readonly [string, string]>> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphql-ws.js': ['graphql-ws', 'umd/graphql-ws.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

/** A file of an installed package that its exports map does not list (UMD builds): found from the package's entry point. */
function packageFile(name: string, relative: string): string {
  let directory = path.dirname(require.resolve(name));
  while (path.basename(directory) !== name.split('/').pop() && path.dirname(directory) !== directory) directory = path.dirname(directory);
  return path.join(directory, relative);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** What the standalone server serves to browsers: the playground, the dashboard and its content. */
export interface BrowserPages {
  /** Bearer value filled into the playground (npm start: a demo user's token); undefined: a placeholder. */
  readonly playgroundAuthorization?: string | undefined;
  /** Bearer value the dashboard uses when the browser has none (npm start: the admin demo user's). */
  readonly dashboardAuthorization?: string | undefined;
  /** The dashboard's content for an admitted admin (RefusedError or ForbiddenError otherwise). */
  readonly dashboard: (credentials: Credentials) => Promise<string>;
}

export interface HttpAppOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly createContext: (input: AuthenticationInput) => Promise<RequestContext>;
  /** Requests still running, for a shutdown to wait on. */
  readonly inFlight?: InFlight;
  readonly pages?: BrowserPages | undefined;
  /** Request counters, served on /metrics. */
  readonly metrics: GatewayMetrics;
  /** Logs and counts a request once its response is sent or its client is gone. */
  readonly finish: FinishOperation;
  /** Where server faults outside GraphQL (a route that threw) are logged. */
  readonly log: Log;
  /** /metrics for anyone with this bearer token; undefined: for loopback clients only. */
  readonly metricsToken?: string | undefined;
}

/** The Host names a page may carry a token for: this machine, asked by its own name (not a rebound DNS name). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a page may embed the demo tokens: only for a client on this machine that asked for
 * it by a local name, so neither another host nor a DNS-rebinding page can read them.
 */
function mayEmbedTokens(req: express.Request): boolean {
  const host = (req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
  return isLoopbackAddress(req.socket.remoteAddress) && LOCAL_HOSTS.has(host);
}

function mayReadMetrics(req: express.Request, token: string | undefined): boolean {
  if (token === undefined) return isLoopbackAddress(req.socket.remoteAddress);
  const given = Buffer.from(req.header('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The standalone server's HTTP surface: POST/GET /graphql (a Cognito access token on every request), the pages, /metrics and a health check. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const { apollo, createContext, pages, metrics, finish } = options;
  const inFlight = options.inFlight ?? new InFlight();
  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are `no-store` POSTs, and hashing each body (a list's is kilobytes) bought nothing.
  app.set('etag', false);
  app.use((req, res, next) => {
    // A caller's request id is kept when it looks like one, so logs line up across services.
    const given = req.header('x-request-id');
    res.setHeader('x-request-id', given && REQUEST_ID.test(given) ? given : randomUUID());
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Process and request figures in the Prometheus text format, for an operator (and the benchmarks) to watch.
  app.get('/metrics', (req, res) => {
    if (!mayReadMetrics(req, options.metricsToken)) {
      res.status(403).type('text').send(options.metricsToken ? 'A metrics token is required (Authorization: Bearer <METRICS_TOKEN>).' : '/metrics answers clients on this machine only (set METRICS_TOKEN to read it from elsewhere).');
      return;
    }
    // `?gc=1` collects garbage first when Node runs with --expose-gc (the soak benchmark does; production never).
    if (req.query['gc'] === '1') (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    res.type('text/plain; version=0.0.4').send(
      [
        '# TYPE recgate_process_heap_used_bytes gauge',
        `recgate_process_heap_used_bytes ${memory.heapUsed}`,
        '# TYPE recgate_process_resident_memory_bytes gauge',
        `recgate_process_resident_memory_bytes ${memory.rss}`,
        '# TYPE recgate_requests_in_flight gauge',
        `recgate_requests_in_flight ${inFlight.size}`,
        ...metrics.render(),
        '',
      ].join('\n'),
    );
  });
  if (pages) {
    // The playground: GET /graphql from a browser (it asks for HTML); queries over GET still reach Apollo.
    app.get('/graphql', (req, res, next) => {
      if (Object.keys(req.query).length > 0 || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
      res.type('html').send(playgroundPage({ authorization: mayEmbedTokens(req) ? pages.playgroundAuthorization : undefined }));
    });
    for (const [name, [packageName, relative]] of Object.entries(PLAYGROUND_ASSETS)) {
      const file = packageFile(packageName, relative);
      app.get(`/playground/assets/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1h' }));
    }
    app.get('/dashboard', (req, res) => {
      res.type('html').send(dashboardPage({ authorization: mayEmbedTokens(req) ? pages.dashboardAuthorization : undefined }));
    });
    app.get('/dashboard/content', (req, res, next) => {
      pages
        .dashboard({ authorization: req.header('authorization'), clientAddress: req.socket.remoteAddress })
        .then((html) => res.type('html').send(html))
        .catch((error: unknown) => {
          if (error instanceof RefusedError) {
            const { refusal } = error;
            if (refusal.kind === 'UNAUTHENTICATED') res.status(401).set('www-authenticate', 'Bearer').type('text').send('An admin access token is required.');
            else if (refusal.kind === 'RATE_LIMITED') res.status(429).set('retry-after', String(refusal.retryAfterSeconds)).type('text').send(`Too many requests; retry in ${refusal.retryAfterSeconds} s.`);
            else res.status(503).type('text').send('Sign-in cannot be checked right now; retry shortly.');
          } else if (error instanceof ForbiddenError) res.status(403).type('text').send(error.message);
          else next(error);
        });
    });
  }
  app.use('/graphql', (_req, res, next) => {
    const operation = new OperationRecord(String(res.getHeader('x-request-id')));
    res.locals['operation'] = operation;
    // 'close' comes after the response is sent, or when the client hung up first (499, as nginx logs it).
    res.once('close', () => finish(operation, res.writableFinished ? res.statusCode : 499));
    // Every line logged while this request is handled carries its id (and its viewer, once admitted).
    runWithRequestLog({ requestId: operation.requestId }, next);
  });
  app.post('/graphql', (req, res, next) => {
    // GraphQL over HTTP: a POST body is application/json. Anything else named is refused before
    // the body is read (text/plain, forms and multipart too: the shapes a cross-site form can send).
    const type = req.header('content-type');
    if (type === undefined || isJsonContentType(type)) return next();
    (res.locals['operation'] as OperationRecord).errorCodes.add('UNSUPPORTED_MEDIA_TYPE');
    res.status(415).json(refusalBody(UNSUPPORTED_MEDIA_TYPE_MESSAGE, 'UNSUPPORTED_MEDIA_TYPE'));
  });
  const graphql = expressMiddleware(apollo, {
    context: ({ req, res }) => {
      const operation = res.locals['operation'] as OperationRecord;
      return createContext({ requestId: operation.requestId, authorization: req.header('authorization'), clientAddress: req.socket.remoteAddress, operation });
    },
  });
  app.use('/graphql', express.json({ limit: MAX_BODY_BYTES }), async (req, res, next) => {
    // Counted until the handler ends, not until the socket does: a client that hangs up does not stop its resolvers.
    const done = inFlight.start();
    try {
      await graphql(req, res, next);
    } finally {
      done();
    }
  });
  app.use(errorHandler(options.log));
  return app;
}

/**
 * Express answers a body it cannot read, or a route that threw, with an HTML page and, outside
 * production, a stack trace. Clients get the GraphQL error shape instead, with the status and no
 * internals; a server fault goes to the log under the request id.
 */
const errorHandler = (log: Log): ErrorRequestHandler => (error: { status?: number; type?: string; stack?: string; message?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    error.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON.'
      : error.type === 'entity.too.large'
        ? BODY_TOO_LARGE_MESSAGE
        : status < 500
          ? 'The request body could not be read.'
          : internalErrorMessage(String(res.getHeader('x-request-id') ?? 'none'));
  const code = status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  if (status >= 500) log({ level: 'error', requestId: res.getHeader('x-request-id'), message: error.message ?? String(error), stack: error.stack });
  (res.locals['operation'] as OperationRecord | undefined)?.errorCodes.add(code);
  res.status(status).json(refusalBody(message, code));
};
