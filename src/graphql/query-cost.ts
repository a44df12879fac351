import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** Arguments whose value says how many items a list field returns. */
const SIZE_ARGUMENTS = ['first', 'limit'];

/**
 * The cost of an operation: every field costs 1 plus what it selects, and a list field's
 * selection counts as many times as its `first` / `limit` (also `input.limit`) asks, so
 * `items(first: 100) { similar(first: 100) { … } }` costs what it would make the server do.
 * A fragment's cost is computed once and counted at every spread, so fragments that spread
 * each other many times (fan-out) cost what they expand to without the check itself expanding them.
 */
export function operationCost(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  seen: ReadonlySet<string> = new Set(),
  fragmentCosts: Map<string, number> = new Map(),
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const multiplier = sizeOf(selection.arguments?.map((argument) => [argument.name.value, argument.value] as const) ?? [], variables);
      cost += 1 + (selection.selectionSet ? multiplier * operationCost(selection.selectionSet, fragments, variables, seen, fragmentCosts) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += operationCost(selection.selectionSet, fragments, variables, seen, fragmentCosts);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A cycle (validation refuses those before this runs) would count as nothing.
      if (!fragment || seen.has(name)) continue;
      let fragmentCost = fragmentCosts.get(name);
      if (fragmentCost === undefined) {
        fragmentCost = operationCost(fragment.selectionSet, fragments, variables, new Set([...seen, name]), fragmentCosts);
        fragmentCosts.set(name, fragmentCost);
      }
      cost += fragmentCost;
    }
  }
  return cost;
}

function sizeOf(argumentsOf: readonly (readonly [string, ValueNode])[], variables: Readonly<Record<string, unknown>>): number {
  for (const [name, value] of argumentsOf) {
    if (SIZE_ARGUMENTS.includes(name)) return Math.max(1, numberOf(value, variables));
    if (name === 'input') {
      const limit = value.kind === Kind.OBJECT ? value.fields.find((field) => field.name.value === 'limit')?.value : undefined;
      if (limit) return Math.max(1, numberOf(limit, variables));
      if (value.kind === Kind.VARIABLE) {
        const given = (variables[value.name.value] as { limit?: unknown } | undefined)?.limit;
        if (typeof given === 'number') return Math.max(1, given);
      }
    }
  }
  return 1;
}

function numberOf(value: ValueNode, variables: Readonly<Record<string, unknown>>): number {
  if (value.kind === Kind.INT || value.kind === Kind.FLOAT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : 1;
  }
  return 1;
}

/** The refusal of an operation that costs more than `maxCost`; undefined when it does not. */
export function costRefusal(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, maxCost: number, exposeLimits: boolean): GraphQLError | undefined {
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const cost = operationCost(operation.selectionSet, fragments, variables);
  if (cost <= maxCost) return undefined;
  return new GraphQLError(exposeLimits ? `Query is too costly: ${cost}, the limit is ${maxCost}.` : 'Query is too costly.', { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } });
}

/** Refuses an operation over `maxCost` with HTTP 400 before any resolver runs. */
export function queryCostPlugin(maxCost: number, exposeLimits: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const refusal = costRefusal(document, operation, request.variables ?? {}, maxCost, exposeLimits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
