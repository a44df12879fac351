import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { ContextOptions, RequestContext } from '../context';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
/**
 * The viewer's user id, until Cognito auth replaces it with the verified token's subject:
 * a development identity, trusted as given.
 */
export const USER_HEADER = 'x-recgate-user';
const USER_ID = /^[^\s]{1,256}$/;

/** The standalone server's HTTP surface: POST/GET /graphql and a health check. */
export function createHttpApp(apollo: ApolloServer<RequestContext>, createContext: (options: ContextOptions) => RequestContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/graphql', (req, res, next) => {
    // A caller's request id is kept when it looks like one, so logs line up across services.
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals['requestId'] = requestId;
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const userId = req.header(USER_HEADER);
        return createContext({ requestId: String(res.locals['requestId']), viewer: { userId: userId && USER_ID.test(userId) ? userId : undefined } });
      },
    }),
  );
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
