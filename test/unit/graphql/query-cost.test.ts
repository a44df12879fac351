import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { buildGatewaySchema } from '../../../src/graphql/gateway-schema';
import { costRefusal, operationCost } from '../../../src/graphql/query-cost';

const schema = buildGatewaySchema();

function costOf(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  return operationCost(schema, operation, fragments, variables);
}

describe('operation cost', () => {
  it('counts each field once and multiplies list selections by first / limit, literal or variable', () => {
    expect(costOf('{ item(id: "a") { id title } }')).toBe(3);
    expect(costOf('{ items(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * (1 + 1 * (1 + 1)));
    expect(costOf('query ($n: Int) { items(first: $n) { edges { node { id } } } }', { n: 4 })).toBe(1 + 4 * 3);
    expect(costOf('{ recommendations(input: { limit: 20 }) { items { rank } } }')).toBe(1 + 20 * 2);
    expect(costOf('query ($input: RecommendationsInput) { recommendations(input: $input) { items { rank } } }', { input: { limit: 5 } })).toBe(1 + 5 * 2);
  });

  it('counts an absent size argument as its default, as the server serves it', () => {
    // items: 20 by default, similar: 10, recommendations: 20, history: 20.
    expect(costOf('{ items { edges { node { id } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ items(first: null) { edges { node { id } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ item(id: "a") { similar { score } } }')).toBe(1 + 1 + 10 * 1);
    expect(costOf('{ recommendations { items { rank } } }')).toBe(1 + 20 * 2);
    expect(costOf('{ recommendations(input: {}) { items { rank } } }')).toBe(1 + 20 * 2);
    expect(costOf('query ($n: Int = 7) { items(first: $n) { edges { node { id } } } }')).toBe(1 + 7 * 3);
    expect(costOf('{ me { history { edges { node { itemId } } } } }')).toBe(1 + 1 + 20 * 3);
    // The review's query: 20 items, each 10 similar, four levels deep.
    const nested = '{ items { edges { node { similar { item { similar { item { similar { item { similar { item { id } } } } } } } } } } } }';
    // item { id } = 2; similar = 1 + 10 × item; item = 1 + similar; … node = 1 + similar; edges = 1 + node.
    let level = 2;
    for (let depth = 0; depth < 4; depth++) level = 1 + (1 + 10 * level);
    expect(costOf(nested)).toBe(1 + 20 * (1 + level));
    expect(costOf(nested)).toBe(444_461);
  });

  it('counts the selection of a field given a list as many times as the list is long', () => {
    const ids = Array.from({ length: 400 }, (_, n) => `"i${n}"`).join(', ');
    expect(costOf(`{ rankItems(input: { itemIds: [${ids}] }) { items { item { similar(first: 100) { score } } } } }`)).toBe(1 + 400 * (1 + 1 + 1 + 100));
    expect(costOf('query ($ids: [ID!]!) { rankItems(input: { itemIds: $ids }) { id } }', { ids: ['a', 'b', 'c'] })).toBe(1 + 3);
    expect(costOf('query ($input: RankItemsInput!) { rankItems(input: $input) { id } }', { input: { itemIds: ['a', 'b'] } })).toBe(1 + 2);
  });

  it('prices a batch of events by its length whether or not its events are valid (execution refuses those)', () => {
    const mutation = 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { eventId duplicate } }';
    const valid = Array.from({ length: 30 }, (_, n) => ({ eventId: `e${n}`, kind: 'CLICK', itemId: `i${n}` }));
    const invalid = Array.from({ length: 30 }, (_, n) => ({ itemId: `i${n}`, type: 'IMPRESSION' }));
    expect(costOf(mutation, { events: valid })).toBe(1 + 30 * 2);
    expect(costOf(mutation, { events: invalid })).toBe(1 + 30 * 2);
    expect(costOf(mutation, { events: valid.slice(0, 3) })).toBe(1 + 3 * 2);
  });

  it('reads fields of inline fragments and fragment spreads against their type', () => {
    expect(costOf('{ item(id: "a") { ... on Item { similar { score } } } }')).toBe(1 + 1 + 10);
    expect(costOf('{ item(id: "a") { ...S } } fragment S on Item { similar { score } }')).toBe(1 + 1 + 10);
  });

  it('counts a fragment at every spread, and fan-out (each fragment spreading the next four times, 20 deep) as what it expands to', () => {
    expect(costOf('{ item(id: "a") { ...F ...F } } fragment F on Item { id title }')).toBe(1 + 2 + 2);
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on Item { ...F${level + 1} ...F${level + 1} ...F${level + 1} ...F${level + 1} }`).join(' ');
    // 4^20 ≈ 1.1e12 fields: computed from 21 fragment costs, not by expanding them.
    expect(costOf(`{ item(id: "a") { ...F0 } } ${fragments} fragment F${levels} on Item { id }`)).toBe(1 + 4 ** levels);
  });

  it('refuses by the variables of each request, though the cost of a parsed operation is remembered', () => {
    const document = parse('query ($n: Int) { items(first: $n) { edges { node { id } } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    // 1 + n * 3: 31 for 10, 301 for 100; the limit is 100.
    expect(costRefusal(schema, document, operation, { n: 10 }, 100, true)).toBeUndefined();
    expect(costRefusal(schema, document, operation, { n: 100 }, 100, true)?.message).toBe('Query is too costly: 301, the limit is 100.');
    expect(costRefusal(schema, document, operation, { n: 10 }, 100, true)).toBeUndefined();
    for (let n = 0; n < 40; n++) costRefusal(schema, document, operation, { n }, 100, true);
    expect(costRefusal(schema, document, operation, { n: 100 }, 100, true)?.extensions['code']).toBe('QUERY_TOO_COSTLY');
  });

  it('prices variables too long to remember (a batch) on each request', () => {
    const document = parse('query ($n: Int, $note: String) { items(first: $n) { edges { node { id } } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const note = 'x'.repeat(600);
    expect(costRefusal(schema, document, operation, { n: 100, note }, 100, true)?.message).toBe('Query is too costly: 301, the limit is 100.');
    expect(costRefusal(schema, document, operation, { n: 10, note }, 100, true)).toBeUndefined();
    expect(costRefusal(schema, document, operation, { n: 100, note: [note] }, 100, true)?.message).toBe('Query is too costly: 301, the limit is 100.');
  });
});
