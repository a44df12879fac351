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
  it('declares the tables the adapters create locally: same keys, attributes and indexes', () => {
    const document = parse(readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8')) as {
      resources: { Resources: Record<string, CloudFormationTable> };
    };
    const declared = Object.values(document.resources.Resources)
      .filter((resource) => resource.Type === 'AWS::DynamoDB::Table')
      .map((resource) => ({ ...resource.Properties, TableName: resource.Properties.TableName.replace('${self:custom.tablePrefix}', 'PREFIX-') }));
    expect(declared).toEqual(tableDefinitions(tableNames('PREFIX-')));
  });
});
