import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { tableDefinitions } from '../../src/adapters/dynamodb/table-definitions';
import { tableNames } from '../../src/adapters/dynamodb/table-names';

interface CloudFormationTable {
  Type: string;
  Properties: Record<string, unknown> & { TableName: string };
}

describe('serverless.yml', () => {
  it('runs the deployed functions in production mode (introspection off, errors without details)', () => {
    const document = parse(readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8')) as { provider: { environment: Record<string, unknown> } };
    expect(document.provider.environment['NODE_ENV']).toBe('production');
  });

  it('declares the tables the adapters create locally: same keys, attributes and indexes', () => {
    const document = parse(readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8')) as {
      resources: { Resources: Record<string, CloudFormationTable> };
    };
    const declared = Object.values(document.resources.Resources)
      .filter((resource) => resource.Type === 'AWS::DynamoDB::Table')
      .map(({ Properties: { TimeToLiveSpecification: _ttl, ...properties } }) => ({ ...properties, TableName: properties.TableName.replace('${self:custom.tablePrefix}', 'PREFIX-') }));
    expect(declared).toEqual(tableDefinitions(tableNames('PREFIX-')));
    // Only served lists, anonymous sessions and socket connections expire (the local stack deletes them itself: dynalite has no TTL).
    const expiring = Object.values(document.resources.Resources).filter((resource) => resource.Properties.TimeToLiveSpecification);
    expect(expiring.map((resource) => [resource.Properties.TableName, resource.Properties.TimeToLiveSpecification])).toEqual([
      ['${self:custom.tablePrefix}recommendation-lists', { AttributeName: 'expiresAt', Enabled: true }],
      ['${self:custom.tablePrefix}anonymous-sessions', { AttributeName: 'expiresAt', Enabled: true }],
      ['${self:custom.tablePrefix}socket-connections', { AttributeName: 'expiresAt', Enabled: true }],
    ]);
  });
});
