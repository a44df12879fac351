import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebSocketAuthorizerEvent, WebSocketAuthorizerResult } from '../../entry/websocket-authorizer';
import type { WebSocketEvent, WebSocketLambdaHandler } from '../../entry/websocket-handler';

/** API Gateway's limit on one message from a client. */
const MAX_MESSAGE_BYTES = 128 * 1024;

export interface WebSocketApiHostOptions {
  readonly port: number;
  readonly host?: string;
  readonly authorize: (event: WebSocketAuthorizerEvent) => Promise<WebSocketAuthorizerResult>;
  readonly handler: WebSocketLambdaHandler;
}

/**
 * API Gateway's WebSocket API in front of the WebSocket Lambda, locally: a handshake runs the
 * REQUEST authorizer (throwing "Unauthorized": 401, throwing anything else: 500; Deny: 403) and the `$connect` route (its
 * status refuses; its Sec-WebSocket-Protocol answers), each message becomes a `$default` event
 * (one at a time per connection) and a close `$disconnect`. The same port serves the
 * `@connections` management API the SDK client calls: POST sends, DELETE closes, GET
 * describes; an unknown connection is 410 GoneException.
 */
export async function startWebSocketApiHost(options: WebSocketApiHostOptions): Promise<{ url: string; managementEndpoint: string; close(): Promise<void> }> {
  const sockets = new Map<string, WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (_offered, request) => (request as IncomingMessage & { chosenProtocol?: string }).chosenProtocol ?? false });
  const server: Server = createServer((req, res) => {
    const match = /^\/@connections\/([^/?]+)/.exec(req.url ?? '');
    const socket = match?.[1] ? sockets.get(decodeURIComponent(match[1])) : undefined;
    if (!match) return void res.writeHead(404).end();
    if (!socket) return void res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' }).end('{"message":"Gone"}');
    if (req.method === 'DELETE') {
      socket.close(1000);
      return void res.writeHead(204).end();
    }
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ connectedAt: new Date().toISOString() }));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      socket.send(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end();
    });
  });
  server.on('upgrade', (req: IncomingMessage & { chosenProtocol?: string }, socket: Duplex, head: Buffer) => {
    void (async () => {
      const connectionId = randomBytes(12).toString('base64url');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
      const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
      let authorized: WebSocketAuthorizerResult;
      try {
        authorized = await options.authorize({ methodArn: 'arn:aws:execute-api:local:local:local/$default/$connect', queryStringParameters: Object.fromEntries(url.searchParams), headers, requestContext: { identity: { sourceIp } } });
      } catch (error) {
        // As API Gateway: an authorizer that throws "Unauthorized" is 401, any other failure 500.
        return error instanceof Error && error.message === 'Unauthorized' ? refuse(socket, 401, 'Unauthorized') : refuse(socket, 500, 'Internal Server Error');
      }
      if (authorized.policyDocument.Statement.some((statement) => statement.Effect !== 'Allow')) return refuse(socket, 403, 'Forbidden');
      const connected = await options.handler({ requestContext: { routeKey: '$connect', connectionId, requestId: randomUUID(), identity: { sourceIp }, authorizer: authorized.context ?? null }, headers });
      if (connected.statusCode !== 200) return refuse(socket, connected.statusCode, 'Refused');
      const chosen = Object.entries(connected.headers ?? {}).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1];
      if (chosen) req.chosenProtocol = chosen;
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.set(connectionId, ws);
        let queue = Promise.resolve();
        const route = (event: WebSocketEvent) => {
          queue = queue.then(() => options.handler(event).then(() => undefined));
        };
        ws.on('message', (data: Buffer) => route({ requestContext: { routeKey: '$default', connectionId, requestId: randomUUID(), identity: { sourceIp } }, body: data.toString('utf8') }));
        ws.on('close', () => {
          sockets.delete(connectionId);
          route({ requestContext: { routeKey: '$disconnect', connectionId, requestId: randomUUID(), identity: { sourceIp } } });
        });
      });
    })().catch(() => refuse(socket, 500, 'Internal Server Error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://localhost:${port}`,
    managementEndpoint: `http://localhost:${port}`,
    close: async () => {
      for (const ws of sockets.values()) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
