import { DynamoDbAnonymousSessionStore } from '../../src/adapters/dynamodb/dynamodb-anonymous-session-store';
import { CursorCodec } from '../../src/adapters/dynamodb/dynamodb-cursor';
import { DynamoDbFeedbackEventStore } from '../../src/adapters/dynamodb/dynamodb-feedback-event-store';
import { DynamoDbInteractionStore } from '../../src/adapters/dynamodb/dynamodb-interaction-store';
import { DynamoDbRecommendationListStore } from '../../src/adapters/dynamodb/dynamodb-recommendation-list-store';
import { ensureTables } from '../../src/adapters/dynamodb/table-definitions';
import { tableNames } from '../../src/adapters/dynamodb/table-names';
import { anonymousSessionStoreContract } from '../contracts/anonymous-session-store.contract';
import { feedbackEventStoreContract } from '../contracts/feedback-event-store.contract';
import { interactionStoreContract } from '../contracts/interaction-store.contract';
import { recommendationListStoreContract } from '../contracts/recommendation-list-store.contract';
import { testClients } from '../support/test-container';

/** The stores' port contracts, run against each adapter (today DynamoDB, on dynalite); each suite on tables of its own. */
const clients = testClients();
const freshTables = async () => {
  const tables = tableNames(`contract${Math.random().toString(36).slice(2, 8)}-`);
  await ensureTables(clients.client, tables);
  return tables;
};

anonymousSessionStoreContract('DynamoDB', async () => {
  let now = 1_900_000_000_000;
  const store = new DynamoDbAnonymousSessionStore(clients.doc, (await freshTables()).anonymousSessions, () => now);
  return { store, advance: (ms) => (now += ms), now: () => now };
});

feedbackEventStoreContract('DynamoDB', async () => new DynamoDbFeedbackEventStore(clients.doc, (await freshTables()).events));

interactionStoreContract('DynamoDB', async () => new DynamoDbInteractionStore(clients, await freshTables(), new CursorCodec()));

recommendationListStoreContract('DynamoDB', async () => new DynamoDbRecommendationListStore(clients, (await freshTables()).recommendationLists));

afterAll(() => clients.close());
