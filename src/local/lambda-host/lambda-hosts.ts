import type { Config } from '../../config';
import { createGateway, type ContainerOptions, type Gateway } from '../../container';
import { createLambdaHandler } from '../../entry/lambda-handler';
import { createWebSocketAuthorizer, type WebSocketAuthorizerEvent, type WebSocketAuthorizerResult } from '../../entry/websocket-authorizer';
import { createWebSocketHandler, type WebSocketEvent, type WebSocketLambdaHandler } from '../../entry/websocket-handler';
import type { Log } from '../../logger';
import { startHttpApiHost } from './http-api.host';
import { startWebSocketApiHost } from './websocket-api.host';

export interface LambdaHosts {
  /** The HTTP API: POST/GET /graphql. */
  readonly httpUrl: string;
  /** The WebSocket API (graphql-ws; the token in `?authorization=`). */
  readonly wsUrl: string;
  /** The management endpoint the WebSocket Lambda posts to (WEBSOCKET_MANAGEMENT_ENDPOINT). */
  readonly managementEndpoint: string;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

/**
 * The Lambda deployment on one machine (`npm run start:lambda`, and the e2e suite): the
 * GraphQL and WebSocket handlers the packaged functions export, behind local stand-ins of
 * API Gateway's HTTP API and WebSocket API, on the storage the options name.
 */
export async function startLambdaHosts(options: Omit<ContainerOptions, 'config'> & { readonly config: Config; readonly httpPort: number; readonly wsPort: number; readonly log: Log }): Promise<LambdaHosts> {
  const { httpPort, wsPort, log, ...containerOptions } = options;
  const routes: { current?: { authorize: (event: WebSocketAuthorizerEvent) => Promise<WebSocketAuthorizerResult>; handler: WebSocketLambdaHandler } } = {};
  const unready = () => Promise.reject(new Error('the WebSocket Lambda is not ready yet'));
  // The WebSocket API first: its address is the management endpoint the gateway posts to.
  const ws = await startWebSocketApiHost({
    port: wsPort,
    authorize: (event) => (routes.current ? routes.current.authorize(event) : unready()),
    handler: (event: WebSocketEvent) => (routes.current ? routes.current.handler(event) : unready()),
  });
  const config: Config = { ...options.config, websocket: { ...options.config.websocket, managementEndpoint: ws.managementEndpoint } };
  const gateway = createGateway({ ...containerOptions, config });
  await gateway.ensureTables();
  await gateway.start();
  const sockets = gateway.sockets;
  if (!sockets) throw new Error('the gateway was built without its WebSocket side');
  routes.current = {
    handler: createWebSocketHandler(sockets, log),
    authorize: createWebSocketAuthorizer((authorization, clientAddress) => gateway.admission.admit({ authorization, clientAddress }, { request: false }), log),
  };
  const http = await startHttpApiHost({
    port: httpPort,
    handler: createLambdaHandler(gateway, log),
    verify: async (authorization) => (await gateway.admission.admit({ authorization, clientAddress: undefined }, { request: false })).viewer,
    clientId: config.auth.clientId,
  });
  return {
    httpUrl: http.url,
    wsUrl: ws.url,
    managementEndpoint: ws.managementEndpoint,
    gateway,
    close: async () => {
      await http.close();
      await ws.close();
      gateway.close();
    },
  };
}
