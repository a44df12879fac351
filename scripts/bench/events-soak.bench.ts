import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type autocannon from 'autocannon';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { openLocalStorageForScript } from '../../src/local/local-storage';
import { graphqlLoad, typenameLoad } from './support/graphql-load';
import { startBenchGateway } from './support/start-gateway';

/**
 * A soak of event recording: `npm start`'s gateway in a child process (embedded dynalite on
 * disk, local Personalize forwarding every event), autocannon sending `recordInteraction`
 * with a unique eventId each, for 50 signed-in users. At the end it counts the events stored
 * and compares them with the answers that said "stored" (duplicate: false), and reads the
 * server's heap (after a full collection) from /metrics at the start, during and at the end.
 *
 *   npm run bench:events -- [--seconds 180] [--connections 10]
 */
// One document with variables, as clients send it (a unique text per request would fill Apollo's document cache).
const RECORD = 'mutation Record($input: RecordInteractionInput!) { recordInteraction(input: $input) { eventId duplicate forwarded } }';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '180' }, connections: { type: 'string', default: '10' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  // --expose-gc: the heap is read after a full collection, so samples compare live data, not GC timing.
  const gateway = await startBenchGateway({ nodeArgs: ['--expose-gc'] });
  try {
    const tokens = [...(await gateway.signInDemoUsers(50)).values()];
    const metrics = gateway.url.replace('/graphql', '/metrics?gc=1');
    const heap = async (): Promise<number> => Number(/recgate_process_heap_used_bytes (\d+)/.exec(await (await fetch(metrics)).text())?.[1] ?? NaN);
    const run = `soak-${Date.now()}`;
    let sent = 0;
    let acknowledged = 0;
    const acknowledgedIds = new Set<string>();
    let duplicates = 0;
    let failed = 0;
    const load = (duration: number) =>
      graphqlLoad({
        url: gateway.url,
        connections,
        duration,
        next: () => {
          const n = sent++;
          const item = `i${String((n % 400) + 1).padStart(4, '0')}`;
          return { token: tokens[n % tokens.length] ?? '', body: { query: RECORD, variables: { input: { eventId: `${run}-${n}`, itemId: item, type: 'VIEW' } } } };
        },
        onResponse: (status, body) => {
          const eventId = /"eventId":"([^"]+)"/.exec(body)?.[1];
          if (status === 200 && eventId && body.includes('"duplicate":false')) {
            acknowledged++;
            acknowledgedIds.add(eventId);
          } else if (status === 200 && body.includes('"duplicate":true')) duplicates++;
          else failed++;
        },
      });
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; server (with dynalite and the local Personalize) and load generator share them`);
    // The same server's { __typename } throughput, so the events figure reads as a ratio.
    const reference = await typenameLoad(gateway.url, tokens, connections, 10);
    await load(10); // warm-up: JIT, connections, dynalite's files
    const heapAtStart = await heap();
    const acknowledgedBefore = acknowledged;
    const samples: string[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = load(seconds);
      const sampler = setInterval(() => {
        void heap().then((bytes) => samples.push((bytes / 2 ** 20).toFixed(0)));
      }, Math.max(10_000, (seconds * 1000) / 12));
      instance.then((value) => {
        clearInterval(sampler);
        resolve(value);
      }, reject);
    });
    const heapAtEnd = await heap();

    const config = loadConfig({ DATA_DIR: gateway.dataDir });
    const storage = await openLocalStorageForScript(config.storage);
    const container = createContainer({ config, dynamoDbEndpoint: storage.endpoint });
    const storedIds = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await container.dynamoDb.doc.send(
        new ScanCommand({ TableName: container.tables.events, FilterExpression: 'begins_with(eventId, :run)', ExpressionAttributeValues: { ':run': run }, ProjectionExpression: 'eventId', ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      for (const row of page.Items ?? []) storedIds.add(String(row['eventId']));
      start = page.LastEvaluatedKey;
    } while (start);
    container.close();
    await storage.close();

    console.log(`run: ${seconds} s measured after a 10 s warm-up, ${connections} connections, 50 users, a unique eventId per request`);
    console.log(`events/s: ${result.requests.average.toFixed(0)} (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms), non-2xx ${result.non2xx}, errors ${result.errors}`);
    console.log(`reference: { __typename } ${reference.requests.average.toFixed(0)} requests/s on the same server; events/s ÷ that = ${(result.requests.average / reference.requests.average).toFixed(3)}`);
    console.log(`acknowledged as stored: ${acknowledged} (${acknowledged - acknowledgedBefore} in the measured run), duplicates ${duplicates}, failed ${failed}`);
    const lost = [...acknowledgedIds].filter((id) => !storedIds.has(id)).length;
    const unanswered = [...storedIds].filter((id) => !acknowledgedIds.has(id)).length;
    console.log(`stored events of this run: ${storedIds.size}; acknowledged but not stored: ${lost}; stored but never answered to the load generator (in flight when it stopped, at most ${2 * connections}): ${unanswered}`);
    console.log(`server heap: ${(heapAtStart / 2 ** 20).toFixed(0)} MiB after warm-up, ${(heapAtEnd / 2 ** 20).toFixed(0)} MiB at the end; samples during the run (MiB): ${samples.join(', ')}`);
  } finally {
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:events: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
