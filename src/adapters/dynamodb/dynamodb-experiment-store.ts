import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Experiment, ExperimentKind, ExperimentStatus, ExperimentVariant } from '../../domain/experiment';
import type { ExperimentStore } from '../../ports/experiment-store.port';
import { scanAll } from './scan-all';

/** Experiments, one row each; a status change is a conditional write, so two admins cannot both start one. */
export class DynamoDbExperimentStore implements ExperimentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(experiment: Experiment): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { experimentId: experiment.id, name: experiment.name, kind: experiment.kind, variants: JSON.stringify(experiment.variants), status: experiment.status, createdAt: experiment.createdAt },
        ConditionExpression: 'attribute_not_exists(experimentId)',
      }),
    );
  }

  async get(id: string): Promise<Experiment | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { experimentId: id }, ConsistentRead: true }));
    return Item ? experimentOf(Item) : null;
  }

  async list(): Promise<Experiment[]> {
    const experiments: Experiment[] = [];
    await scanAll(this.doc, this.tableName, [], (row) => experiments.push(experimentOf(row)), 1);
    return experiments.sort((a, b) => b.createdAt - a.createdAt);
  }

  async transition(id: string, from: ExperimentStatus, to: ExperimentStatus, at: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { experimentId: id },
          UpdateExpression: `SET #status = :to, ${to === 'RUNNING' ? 'startedAt' : 'stoppedAt'} = :at`,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':from': from, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function experimentOf(row: Record<string, unknown>): Experiment {
  return {
    id: String(row['experimentId']),
    name: String(row['name']),
    kind: String(row['kind']) as ExperimentKind,
    variants: JSON.parse(String(row['variants'] ?? '[]')) as ExperimentVariant[],
    status: String(row['status']) as ExperimentStatus,
    createdAt: Number(row['createdAt']),
    startedAt: typeof row['startedAt'] === 'number' ? row['startedAt'] : undefined,
    stoppedAt: typeof row['stoppedAt'] === 'number' ? row['stoppedAt'] : undefined,
  };
}
