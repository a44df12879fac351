import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../src/local/embedded-dynamodb';

declare global {
  var __recgateDynamoDb: EmbeddedDynamoDb | undefined;
}

/** One in-memory dynalite for the whole run; each test file uses its own table prefix. */
export default async function globalSetup(): Promise<void> {
  const dynamoDb = await startEmbeddedDynamoDb();
  globalThis.__recgateDynamoDb = dynamoDb;
  process.env['RECGATE_TEST_DYNAMODB_ENDPOINT'] = dynamoDb.endpoint;
}
