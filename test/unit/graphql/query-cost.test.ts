import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationCost } from '../../../src/graphql/query-cost';

function costOf(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  return operationCost(operation.selectionSet, fragments, variables);
}

describe('operation cost', () => {
  it('counts each field once and multiplies list selections by first / limit, literal or variable', () => {
    expect(costOf('{ item(id: "a") { id title } }')).toBe(3);
    expect(costOf('{ items(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * (1 + 1 * (1 + 1)));
    expect(costOf('query ($n: Int) { items(first: $n) { edges { node { id } } } }', { n: 4 })).toBe(1 + 4 * 3);
    expect(costOf('{ recommendations(input: { limit: 20 }) { items { rank } } }')).toBe(1 + 20 * 2);
    expect(costOf('query ($input: RecommendationsInput) { recommendations(input: $input) { items { rank } } }', { input: { limit: 5 } })).toBe(1 + 5 * 2);
  });

  it('counts a fragment at every spread, and fan-out (each fragment spreading the next four times, 20 deep) as what it expands to', () => {
    expect(costOf('{ item(id: "a") { ...F ...F } } fragment F on Item { id title }')).toBe(1 + 2 + 2);
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on Item { ...F${level + 1} ...F${level + 1} ...F${level + 1} ...F${level + 1} }`).join(' ');
    // 4^20 ≈ 1.1e12 fields: computed from 21 fragment costs, not by expanding them.
    expect(costOf(`{ item(id: "a") { ...F0 } } ${fragments} fragment F${levels} on Item { id }`)).toBe(1 + 4 ** levels);
  });
});
