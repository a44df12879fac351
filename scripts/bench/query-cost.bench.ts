import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/gateway-schema';
import * as cost from '../../src/graphql/query-cost';

/**
 * What the cost check costs one operation, in-process: the bench:serve recommendations query
 * and `{ __typename }`, each checked many times, next to the time graphql-js takes to execute
 * `{ __typename }` against the same schema (the floor of any request's GraphQL work).
 *
 *   npm run bench:query-cost -- [--iterations 200000]
 *
 * It runs on the commit before the schema-aware check too (its operationCost took
 * (selectionSet, fragments, variables)), so the two can be compared in one sitting.
 */
const RECOMMENDATIONS = '{ recommendations(input: {strategy: BASELINE, limit: 20}) { id items { rank score item { id title } explanations { kind text } } } }';

type Check = (document: DocumentNode) => number;

function checker(schema: GraphQLSchema): Check {
  const operationCost = cost.operationCost as unknown as (...args: unknown[]) => number;
  return (document) => {
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
    if (!operation) throw new Error('no operation');
    return operationCost.length >= 4 ? operationCost(schema, operation, fragments, {}) : operationCost(operation.selectionSet, fragments, {});
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
  const { execute } = await import('graphql');
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; ${iterations} iterations each`);
  console.log(`cost of the recommendations query: ${check(recommendations)}; of { __typename }: ${check(typename)}\n`);
  const floor = microseconds(iterations, () => execute({ schema, document: typename }));
  const rows = [
    ['execute { __typename } (graphql-js)', floor],
    ['cost check: recommendations(limit: 20)', microseconds(iterations, () => check(recommendations))],
    ['cost check: { __typename }', microseconds(iterations, () => check(typename))],
  ] as const;
  console.log('| step | µs per operation | vs executing { __typename } |');
  console.log('|---|---|---|');
  for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(2)} | ${(us / floor).toFixed(2)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
