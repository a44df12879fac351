import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import type { Viewer } from '../../domain/viewer';
import type { GatewayLambdaHandler } from '../../entry/lambda-handler';

/** Bodies over this are refused, as API Gateway's 10 MB payload limit would (smaller here: the gateway's own limit is 1 MiB). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface HttpApiHostOptions {
  readonly port: number;
  readonly host?: string;
  readonly handler: GatewayLambdaHandler;
  /** The JWT authorizer: the viewer of a valid access token, undefined otherwise. */
  readonly verify: (authorization: string | undefined) => Promise<Viewer | undefined>;
  /** The app client the tokens are for (the claims' client_id, which the handler checks). */
  readonly clientId: string | undefined;
}

/**
 * API Gateway's HTTP API in front of the GraphQL Lambda, locally: POST and GET /graphql become
 * payload-2.0 events; the Cognito JWT authorizer is played by verifying the token first
 * (401 `{"message":"Unauthorized"}` as API Gateway answers, claims in
 * `requestContext.authorizer.jwt.claims` as it passes them).
 */
export async function startHttpApiHost(options: HttpApiHostOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/graphql' || (req.method !== 'POST' && req.method !== 'GET')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { 'content-type': 'application/json' }).end('{"message":"Request Entity Too Large"}');
        return;
      }
      const authorization = req.headers.authorization;
      const viewer = await options.verify(authorization);
      if (!viewer?.userId) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"message":"Unauthorized"}');
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]));
      const now = Date.now();
      const claims = { sub: viewer.userId, username: viewer.username ?? '', token_use: 'access', client_id: options.clientId ?? '', exp: String(Math.floor((viewer.expiresAt ?? now) / 1000)), 'cognito:groups': `[${(viewer.groups ?? []).join(' ')}]` };
      const requestId = randomUUID();
      const result = await options.handler(
        {
          version: '2.0',
          routeKey: `${req.method} /graphql`,
          rawPath: '/graphql',
          rawQueryString: url.search.slice(1),
          ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
          headers,
          requestContext: {
            accountId: 'local',
            apiId: 'local',
            domainName: 'localhost',
            domainPrefix: 'localhost',
            http: { method: req.method, path: '/graphql', protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
            requestId,
            routeKey: `${req.method} /graphql`,
            stage: '$default',
            time: new Date(now).toISOString(),
            timeEpoch: now,
            authorizer: { jwt: { claims, scopes: null } },
          } as never,
          body: body.toString('utf8'),
          isBase64Encoded: false,
        },
        { awsRequestId: requestId, functionName: 'recgate-graphql', getRemainingTimeInMillis: () => 30_000 } as unknown as Context,
      );
      res.writeHead(result.statusCode ?? 200, Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]))).end(result.body ?? '');
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error', error: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { url: `http://localhost:${address.port}/graphql`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
