import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context';
import type { AuthenticationInput } from '../graphql/authenticated-context';
import { InFlight } from '../support/in-flight';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
/** The standalone server's HTTP surface: POST/GET /graphql (a Cognito access token on every request) and a health check. */
export function createHttpApp(
  apollo: ApolloServer<RequestContext>,
  createContext: (input: AuthenticationInput) => Promise<RequestContext>,
  inFlight: InFlight = new InFlight(),
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Process figures in the Prometheus text format, for an operator (and the soak benchmark) to watch.
  app.get('/metrics', (req, res) => {
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
        '',
      ].join('\n'),
    );
  });
  app.use('/graphql', (req, res, next) => {
    // A caller's request id is kept when it looks like one, so logs line up across services.
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals['requestId'] = requestId;
    next();
  });
  const graphql = expressMiddleware(apollo, {
    context: ({ req, res }) => createContext({ requestId: String(res.locals['requestId']), authorization: req.header('authorization') }),
  });
  app.use('/graphql', express.json({ limit: '1mb' }), async (req, res, next) => {
    // Counted until the handler ends, not until the socket does: a client that hangs up does not stop its resolvers.
    const done = inFlight.start();
    try {
      await graphql(req, res, next);
    } finally {
      done();
    }
  });
  app.use(bodyErrorHandler);
  return app;
}

/**
 * Express answers a body it cannot read with an HTML page and, outside production, a stack
 * trace. Clients get the GraphQL error shape instead, with the status and no internals.
 */
const bodyErrorHandler: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    error.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON.'
      : error.type === 'entity.too.large'
        ? 'The request body is larger than the server accepts.'
        : status < 500
          ? 'The request body could not be read.'
          : 'Internal server error';
  res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
};
