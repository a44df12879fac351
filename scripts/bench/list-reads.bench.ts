import os from 'node:os';
import { createDynamoDbClients } from '../../src/adapters/dynamodb/dynamodb-client.factory';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { generateDemoDataset } from '../../src/demo/demo-dataset.generator';
import { demoDatasetParts } from '../../src/demo/demo-dataset.parts';
import { readersOf } from '../../src/graphql/request-context';
import { startExternalDynalite } from './support/external-dynalite';

/**
 * What one list reads and writes in DynamoDB once the model and the items are cached: the
 * demo data on dynalite (in a process of its own), the baseline trained, then for each of the
 * 300 demo users a list of 20 and one of 100 through the recommendation service, with the
 * calls counted and the capacity units dynalite reports (ReturnConsumedCapacity: TOTAL,
 * DynamoDB's own rules: 4 KB a read unit, half for an eventually consistent read, 1 KB a
 * write unit) summed per list.
 *
 *   npm run bench:list-reads
 */
async function main(): Promise<void> {
  const dynalite = await startExternalDynalite();
  const dynamoDb = createDynamoDbClients({ region: 'us-east-1', endpoint: dynalite.endpoint, requestTimeoutMs: 5000, connectTimeoutMs: 1000, localCredentials: true });
  const container = createContainer({ config: loadConfig({ STORAGE: 'dynamodb', DYNAMODB_ENDPOINT: dynalite.endpoint, LOG_LEVEL: 'error' }), dynamoDb });
  try {
    await container.ensureTables();
    await container.importService.importParts(demoDatasetParts(generateDemoDataset(1)), { skipBadRows: false });
    await container.trainingService.train();
    const users = Array.from({ length: 300 }, (_, n) => `u${String(n + 1).padStart(4, '0')}`);
    console.log(`machine: ${os.cpus().length} cores, Node ${process.version}; demo data (400 items, 300 users), baseline trained; per list, mean over the 300 users (min–max)\n`);
    console.log('| limit | DynamoDB calls | of them through the SDK | read units | write units | history rows read |');
    console.log('|---|---|---|---|---|---|');
    for (const limit of [20, 100]) {
      const list = (userId: string) => container.recommendationService.recommend(userId, { strategy: 'BASELINE', limit, categories: null, excludeSeen: null, context: {} }, readersOf(container.createContext()));
      for (const userId of users) await list(userId); // the model's artefacts and the items are cached from here on
      const calls: number[] = [];
      const sdkCalls: number[] = [];
      const reads: number[] = [];
      const writes: number[] = [];
      const rows: number[] = [];
      for (const userId of users) {
        let call = 0;
        let sdk = 0;
        let read = 0;
        let write = 0;
        const stopCalls = dynamoDb.json.onCall(() => call++);
        const stopUnits = dynamoDb.json.onConsumed((operation, units) => (operation === 'PutItem' ? (write += units) : (read += units)));
        dynamoDb.client.middlewareStack.add((next) => (args) => (sdk++, next(args)), { step: 'initialize', name: 'benchCounter' });
        await list(userId);
        stopCalls();
        stopUnits();
        dynamoDb.client.middlewareStack.remove('benchCounter');
        calls.push(call + sdk);
        sdkCalls.push(sdk);
        reads.push(read);
        writes.push(write);
        rows.push((await container.interactions.recentInteractions(userId, 1000)).length);
      }
      const show = (values: number[]) => `${(values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(2)} (${Math.min(...values)}–${Math.max(...values)})`;
      console.log(`| ${limit} | ${show(calls)} | ${show(sdkCalls)} | ${show(reads)} | ${show(writes)} | ${show(rows)} |`);
    }
  } finally {
    container.close();
    await dynalite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:list-reads: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
