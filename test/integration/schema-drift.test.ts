import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ItemResolver } from '../../resolvers';
import { ItemType } from '../../schema/item.type';
import { printGatewaySchema } from '../../src/graphql/print-schema';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema` after changing a type)', () => {
    const committed = readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(printGatewaySchema());
  });

  it('builds without decorator metadata, as the esbuild Lambda bundle must', () => {
    // Jest compiles with decoratorMetadata off (jest.config.js), so a decorator without an explicit type would fail to build.
    expect(Reflect.getMetadata('design:type', ItemType.prototype, 'title')).toBeUndefined();
    expect(Reflect.getMetadata('design:paramtypes', ItemResolver)).toBeUndefined();
    expect(printGatewaySchema()).toContain('history(after: String, first: Int = 20): InteractionConnection!');
  });
});
