import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createDynamoDbClients } from '../../src/adapters/dynamodb/dynamodb-client.factory';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer } from '../../src/entry/server';
import { startLocalUserPool } from '../../src/local/cognito/local-user-pool';
import { DEMO_USERS } from '../../src/local/cognito/local-user-pool.settings';
import { loadDemoDataWhenEmpty } from '../../src/local/demo-data.loader';
import { startLambdaHosts } from '../../src/local/lambda-host/lambda-hosts';
import { startLocalStorage } from '../../src/local/local-storage';

/**
 * Push latency after a click, on both hosts: the standalone server (graphql-ws on /graphql) and
 * `npm run start:lambda`'s Lambda handlers behind the local API Gateway stand-ins (the token in
 * the query string, pushes through the @connections API). One process, embedded dynalite,
 * cognito-local, the demo data: per host, one subscriber (alice's feed) and N clicks sent one
 * after another, each timed from the click's POST to the push's arrival; the DynamoDB calls
 * the gateway makes per push are counted on its client.
 *
 *   npm run bench:push                 # 200 clicks per host
 *   npm run bench:push -- --clicks 50
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clicks: { type: 'string', default: '200' } } });
  const clicks = Number(values.clicks);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recgate-push-'));
  const config = loadConfig({ STORAGE: 'memory', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', FEED_DEBOUNCE_MS: '0', RATE_LIMIT_PER_SECOND: '1000', RATE_LIMIT_BURST: '1000' });
  const storage = await startLocalStorage(config.storage);
  const userPool = await startLocalUserPool(path.join(dataDir, 'cognito'));
  const counts = new Map<string, number>();
  const dynamoDb = createDynamoDbClients({ region: 'us-east-1', endpoint: storage.endpoint, requestTimeoutMs: 5000, connectTimeoutMs: 1000, localCredentials: true });
  dynamoDb.client.middlewareStack.add(
    (next, context) => (args) => {
      counts.set(String(context.commandName), (counts.get(String(context.commandName)) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  const container = createContainer({ config, dynamoDb, auth: userPool.settings });
  await container.ensureTables();
  await loadDemoDataWhenEmpty(container, 42, dataDir);
  await container.trainingService.train();
  const password = DEMO_USERS.find((user) => user.username === 'alice')?.password ?? '';
  const token = (await userPool.admin.signIn(userPool.settings.clientId, 'alice', password)).accessToken;
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ${clicks} clicks per host, one subscriber`);
  console.log('| host | p50 (ms) | p99 (ms) | max (ms) | DynamoDB calls per push (gateway) |');
  console.log('|---|---|---|---|---|');
  try {
    const server = await startServer({ config, container, log: () => undefined });
    await measure('standalone server', server.url, server.url.replace(/^http/, 'ws'), { authorization: `Bearer ${token}` });
    await server.close();
    const hosts = await startLambdaHosts({ config, dynamoDb, auth: userPool.settings, httpPort: 0, wsPort: 0, log: () => undefined });
    await measure('npm run start:lambda', hosts.httpUrl, `${hosts.wsUrl}?authorization=${encodeURIComponent(`Bearer ${token}`)}`, {});
    await hosts.close();
  } finally {
    container.close();
    await userPool.close();
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  async function measure(name: string, httpUrl: string, wsUrl: string, connectionParams: Record<string, unknown>): Promise<void> {
    const client: Client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams });
    let arrived: (() => void) | undefined;
    client.subscribe({ query: 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 20 }) { id items { item { id title } explanations { text } } } }' }, { next: () => arrived?.(), error: (error) => console.error(error), complete: () => undefined });
    const click = async (n: number): Promise<number> => {
      const pushed = new Promise<void>((resolve) => (arrived = resolve));
      const sent = performance.now();
      const response = await fetch(httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `mutation { recordInteraction(input: { eventId: "push-${name.length}-${Date.now()}-${n}", itemId: "i${String((Math.abs(n) % 400) + 1).padStart(4, '0')}", type: VIEW }) { duplicate } }` }),
      });
      const answer = await response.text();
      if (n < 0 && !answer.includes("duplicate")) console.error(answer);
      await Promise.race([pushed, new Promise((_, reject) => setTimeout(() => reject(new Error(`no push within 5 s on ${name}`)), 5000).unref())]);
      return performance.now() - sent;
    };
    // Until the subscription is up, a click may find no feed to push to: retry the first one.
    for (let attempt = 0; ; attempt++) {
      try {
        await click(-1 - attempt);
        break;
      } catch (error) {
        if (attempt > 5) throw error;
      }
    }
    counts.clear();
    const times: number[] = [];
    for (let n = 0; n < clicks; n++) times.push(await click(n));
    const calls = [...counts.values()].reduce((sum, count) => sum + count, 0) / clicks;
    const breakdown = [...counts.entries()].map(([command, count]) => `${command.replace('Command', '')} ${(count / clicks).toFixed(1)}`).join(', ');
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    console.log(`| ${name} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} | ${(times.at(-1) ?? 0).toFixed(1)} | ${calls.toFixed(1)} per click and push (${breakdown}) |`);
    await client.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:push: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
