import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/gateway-schema';
import * as cost from '../../src/graphql/query-cost';
import { oversizedVariables } from '../../src/graphql/variables-size';

/**
 * What the cost check costs one operation, in-process: the bench:serve recommendations query,
 * `{ __typename }` and a recordEvents batch of 50 events in a variable (valid, and invalid:
 * each event missing its eventId and kind), each checked many times, next to the time
 * graphql-js takes to execute `{ __typename }` against the same schema (the floor of any
 * request's GraphQL work). Then the size check of the variables on that batch, and what it
 * spares: graphql-js coercing a batch of 10,000 events (half a megabyte of JSON), which the
 * check refuses before execution.
 *
 *   npm run bench:query-cost -- [--iterations 200000]
 *
 * It runs on the commit before the schema-aware check too (its operationCost took
 * (selectionSet, fragments, variables)), so the two can be compared in one sitting.
 */
const RECOMMENDATIONS = '{ recommendations(input: {strategy: BASELINE, limit: 20}) { id items { rank score item { id title } explanations { kind text } } } }';

const RECORD_EVENTS = 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { eventId } }';
const BATCH = 50;

type Check = (document: DocumentNode, variables?: Record<string, unknown>) => number;

function checker(schema: GraphQLSchema): Check {
  const operationCost = cost.operationCost as unknown as (...args: unknown[]) => number;
  return (document, variables = {}) => {
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
    if (!operation) throw new Error('no operation');
    return operationCost.length >= 4 ? operationCost(schema, operation, fragments, variables) : operationCost(operation.selectionSet, fragments, variables);
  };
}

function microseconds(iterations: number, run: () => unknown): number {
  for (let n = 0; n < Math.min(10_000, iterations); n++) run();
  const started = process.hrtime.bigint();
  for (let n = 0; n < iterations; n++) run();
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { iterations: { type: 'string' } } });
  const iterations = Number(values.iterations ?? 200_000);
  const schema = buildGatewaySchema();
  const check = checker(schema);
  const recommendations = parse(RECOMMENDATIONS);
  const typename = parse('{ __typename }');
  const recordEvents = parse(RECORD_EVENTS);
  const occurredAt = new Date(0).toISOString();
  const valid = { events: Array.from({ length: BATCH }, (_, n) => ({ eventId: `e${n}`, kind: 'CLICK', itemId: `i${n}`, occurredAt })) };
  const invalid = { events: Array.from({ length: BATCH }, (_, n) => ({ itemId: `i${n}`, type: 'IMPRESSION', occurredAt })) };
  const batchIterations = Math.max(1, Math.round(iterations / 100));
  const { execute, getVariableValues } = await import('graphql');
  const definitions = (recordEvents.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  const huge = { events: Array.from({ length: 10_000 }, (_, n) => ({ eventId: `e${n}`, kind: 'CLICK', itemId: `i${n}` })) };
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; ${iterations} iterations each`);
  console.log(`cost of the recommendations query: ${check(recommendations)}; of { __typename }: ${check(typename)}; of the batch: ${check(recordEvents, valid)} (${batchIterations} iterations each)\n`);
  const floor = microseconds(iterations, () => execute({ schema, document: typename }));
  const rows = [
    ['execute { __typename } (graphql-js)', floor],
    ['cost check: recommendations(limit: 20)', microseconds(iterations, () => check(recommendations))],
    ['cost check: { __typename }', microseconds(iterations, () => check(typename))],
    [`cost check: recordEvents, ${BATCH} valid events`, microseconds(batchIterations, () => check(recordEvents, valid))],
    [`cost check: recordEvents, ${BATCH} invalid events`, microseconds(batchIterations, () => check(recordEvents, invalid))],
    [`size check of the variables: recordEvents, ${BATCH} events`, microseconds(batchIterations, () => oversizedVariables(valid, true))],
    ['size check of the variables: 10,000 events (refused)', microseconds(batchIterations, () => oversizedVariables(huge, true))],
    ['graphql-js coerces 10,000 events (spared by the refusal)', microseconds(20, () => getVariableValues(schema, definitions, huge, { maxErrors: 50 }))],
  ] as const;
  console.log('| step | µs per operation | vs executing { __typename } |');
  console.log('|---|---|---|');
  for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(2)} | ${(us / floor).toFixed(2)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
