import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config';
import { createContainer, type Container } from '../container';
import type { Credentials } from '../domain/admission';
import { createApolloServer } from '../graphql/apollo-server.factory';
import { authenticatedContext } from '../graphql/authenticated-context';
import type { Log } from '../logger';
import { standaloneRecorder } from '../observability/operation-recorders';
import { InFlight } from '../support/in-flight';
import { dashboardContent } from '../pages/dashboard-content';
import { createHttpApp } from './http-app';
import { attachWebSocketServer } from './websocket-server';

export interface RunningServer {
  readonly url: string;
  readonly container: Container;
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly config: Config;
  readonly dynamoDbEndpoint?: string;
  /** A container built (and perhaps filled) by the caller; one is built from config otherwise. */
  readonly container?: Container;
  readonly log?: Log;
  /** The playground and dashboard (on unless PLAYGROUND=off), with tokens to fill in under npm start. */
  readonly browser?: { readonly playgroundAuthorization?: string; readonly dashboardAuthorization?: string };
}

/** Starts the standalone gateway (tables ensured) and resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const container = options.container ?? createContainer({ config: options.config, dynamoDbEndpoint: options.dynamoDbEndpoint });
  await container.ensureTables();
  await container.start();
  const { headersTimeoutMs, requestTimeoutMs } = options.config.server;
  // Slow-sending clients (slowloris) are cut off with 408; Node checks every connectionsCheckingInterval.
  const httpServer: Server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, headersTimeoutMs) });
  const log = options.log ?? container.log;
  const apollo = createApolloServer({ schema: container.schema, httpServer, log, limits: container.config.limits });
  await apollo.start();
  const closeWebSockets = attachWebSocketServer(httpServer, container, log);
  const inFlight = new InFlight();
  const pages = options.config.playground
    ? { ...options.browser, dashboard: (credentials: Credentials) => dashboardContent(container, credentials) }
    : undefined;
  httpServer.on(
    'request',
    createHttpApp({
      apollo,
      createContext: (input) => authenticatedContext(container, input, log),
      metricsToken: container.config.metricsToken,
      inFlight,
      pages,
      metrics: container.metrics,
      finish: standaloneRecorder(log, container.metrics),
      log,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.config.server.port, options.config.server.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.config.server.host.includes(':') ? `[${options.config.server.host}]` : options.config.server.host;
  return {
    url: `http://${host}:${port}/graphql`,
    container,
    close: async () => {
      await closeWebSockets(); // ends live feeds (their sockets would keep the server open)
      await apollo.stop(); // drains the HTTP server
      await inFlight.idle(); // and the requests whose clients hung up
      container.close();
    },
  };
}
