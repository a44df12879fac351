import { createDynamoDbClients, type DynamoDbClients } from '../../src/adapters/dynamodb/dynamodb-client.factory';
import { loadConfig } from '../../src/config';
import { createContainer, type Container, type ContainerOptions } from '../../src/container';
import { loadSmallDataset } from './small-dataset';
import { testDynamoDbEndpoint, testEnvironment } from './test-env';

/** Counts the commands a DynamoDB client sends, by name, through its middleware stack. */
export interface CommandCounter {
  count(commandName: string): number;
  /** Every DynamoDB call since the last reset. */
  total(): number;
  reset(): void;
}

export function countCommands(clients: DynamoDbClients): CommandCounter {
  const counts = new Map<string, number>();
  clients.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'recgateCommandCounter' },
  );
  // The serving path's JSON client counts under the SDK's command names (BatchGetItem → BatchGetItemCommand).
  clients.json.onCall((operation) => counts.set(`${operation}Command`, (counts.get(`${operation}Command`) ?? 0) + 1));
  return { count: (name) => counts.get(name) ?? 0, total: () => [...counts.values()].reduce((sum, count) => sum + count, 0), reset: () => counts.clear() };
}

export function testClients(): DynamoDbClients {
  return createDynamoDbClients({
    region: 'us-east-1',
    endpoint: testDynamoDbEndpoint(),
    requestTimeoutMs: 10000,
    connectTimeoutMs: 2000,
    localCredentials: true,
  });
}

/** A container on the test dynalite with fresh tables (and the given settings), and a counter of the commands it sends. */
export async function createTestContainer(options: Omit<Partial<ContainerOptions>, 'config' | 'dynamoDb'> & { readonly env?: Record<string, string> } = {}): Promise<{ container: Container; commands: CommandCounter }> {
  const dynamoDb = testClients();
  const commands = countCommands(dynamoDb);
  const { env, ...rest } = options;
  const container = createContainer({ ...rest, config: loadConfig(testEnvironment(env)), dynamoDb });
  await container.ensureTables();
  commands.reset();
  return { container, commands };
}

/** A container on the test dynalite (tables of its own, per `env`) holding the small dataset, with a model trained on it. */
export async function trainedTestContainer(env: Record<string, string>, options: Pick<ContainerOptions, 'log'> = {}): Promise<Container> {
  const container = createContainer({ ...options, config: loadConfig(env), dynamoDb: testClients() });
  await container.ensureTables();
  await loadSmallDataset(container);
  await container.trainingService.train();
  return container;
}
