import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../config';
import { createContainer, type Container } from '../container';
import { createApolloServer } from '../graphql/apollo-server.factory';
import { loadDemoDataWhenEmpty } from '../local/demo-data.loader';
import { startLocalStorage } from '../local/local-storage';
import { startLocalPersonalize } from '../local/personalize/local-personalize';
import { jsonLog, type Log } from '../logger';
import { formatTrainingSummary } from '../services/training-summary.text';
import { createHttpApp } from './http-app';

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
}

/** Starts the standalone gateway (tables ensured) and resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const container = options.container ?? createContainer({ config: options.config, dynamoDbEndpoint: options.dynamoDbEndpoint });
  await container.ensureTables();
  const httpServer: Server = createServer();
  const apollo = createApolloServer({ schema: container.schema, httpServer, log: options.log ?? jsonLog });
  await apollo.start();
  httpServer.on('request', createHttpApp(apollo, (contextOptions) => container.createContext(contextOptions)));
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
      await apollo.stop(); // drains the HTTP server
      container.close();
    },
  };
}

/** `npm start`: the gateway on the local stack, with demo data on first start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await startLocalStorage(config.storage, { announce: true });
  console.log(`recgate: storage: ${storage.description}`);
  const prepared = createContainer({ config, dynamoDbEndpoint: storage.endpoint });
  const created = await prepared.ensureTables();
  if (created.length > 0) console.log(`recgate: created tables ${created.join(', ')}`);
  // The demo data is in place before the first request can arrive.
  if (config.demoData.loadWhenEmpty) {
    const loaded = await loadDemoDataWhenEmpty(prepared, config.demoData.seed, config.storage.dataDir);
    if (loaded) {
      const what = loaded.resumed ? 'completed the interrupted load of the built-in demo data' : 'loaded the built-in demo data';
      console.log(`recgate: ${what} (seed ${config.demoData.seed}) in ${(loaded.summary.durationMs / 1000).toFixed(1)} s`);
    }
  }
  if (!(await prepared.models.currentModel())) {
    const summary = await prepared.trainingService.train();
    console.log(`recgate: no model yet, so trained one: ${formatTrainingSummary(summary).split('\n')[0]}`);
  }
  // The local Personalize trains on what storage holds now, so every strategy works out of the box.
  const personalize = config.localPersonalize && !config.personalize.arn ? await startLocalPersonalize(prepared, config.storage.dataDir) : undefined;
  if (personalize) console.log(`recgate: local Personalize on ${personalize.endpoint}, trained on ${personalize.interactions} interactions (campaign ${personalize.settings.arn ?? ''})`);
  else if (config.personalize.arn) console.log(`recgate: Personalize: ${config.personalize.arn}`);
  else console.log('recgate: Personalize: not configured (PERSONALIZE requests are served by the baseline)');
  const container = personalize
    ? createContainer({ config, dynamoDb: prepared.dynamoDb, personalize: personalize.settings })
    : prepared;
  const server = await startServer({ config, container });
  const [items, users, interactions] = await Promise.all([container.catalog.count(), container.users.count(), container.interactions.count()]);
  console.log(`recgate: data: ${items} items, ${users} users, ${interactions} interactions (tables ${Object.values(container.tables).join(', ')})`);
  console.log(`recgate: GraphQL gateway listening on ${server.url}`);
  console.log(`recgate: try  curl -s ${server.url} -H 'content-type: application/json' -d '{"query":"{ items(first: 3) { edges { node { id title categories } } } }"}'`);

  let stoppingSince: number | undefined;
  const stop = (signal: string): void => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C can arrive twice (the terminal signals every process of the group); a second press, later, forces the stop.
      if (Date.now() - stoppingSince < 1000) return;
      console.log('recgate: stopping at once');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`recgate: ${signal} received, stopping…`);
    server
      .close()
      .then(() => personalize?.close())
      .then(() => storage.close())
      .then(() => {
        console.log('recgate: stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('recgate: stopping failed:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`recgate: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
