import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Arguments whose value says how many items a list field returns. */
const SIZE_ARGUMENTS = ['first', 'limit'];

interface CostWalk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly fragmentCosts: Map<string, number>;
}

/**
 * The cost of an operation, read against the schema: every field costs 1 plus what it
 * selects, and a list field's selection counts as many times as the field can return — its
 * `first` / `limit` (also `input.limit`), **its default when the argument is absent**, or the
 * length of the list it is given (`rankItems(input: {itemIds})`, `recordEvents(events)`).
 * So `items { edges { node { similar { … } } } }` costs what it makes the server do (20 × 10 × …).
 * A fragment's cost is computed once and counted at every spread, so fan-out costs what it
 * expands to without the check itself expanding it.
 */
export function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, rawVariables: Readonly<Record<string, unknown>>): number {
  // Variables with their declared defaults; values that do not coerce fail execution anyway.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables as Record<string, unknown>);
  const variables = coerced.coerced ?? rawVariables;
  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionCost({ schema, fragments, variables, fragmentCosts: new Map() }, root, operation.selectionSet, new Set());
}

function selectionCost(walk: CostWalk, parent: GraphQLNamedType | undefined, selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(parent, selection.name.value);
      const child = field ? getNamedType(field.type) : undefined;
      cost += 1 + (selection.selectionSet ? sizeOf(field, selection, walk.variables) * selectionCost(walk, child, selection.selectionSet, seen) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      cost += selectionCost(walk, type ?? undefined, selection.selectionSet, seen);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // A cycle (validation refuses those before this runs) would count as nothing.
      if (!fragment || seen.has(name)) continue;
      let fragmentCost = walk.fragmentCosts.get(name);
      if (fragmentCost === undefined) {
        const type = walk.schema.getType(fragment.typeCondition.name.value) ?? undefined;
        fragmentCost = selectionCost(walk, type, fragment.selectionSet, new Set([...seen, name]));
        walk.fragmentCosts.set(name, fragmentCost);
      }
      cost += fragmentCost;
    }
  }
  return cost;
}

function fieldOf(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/** How many times a field's selection is made: its size argument, that argument's default, or the length of a list it is given. */
function sizeOf(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  if (!field || field.args.length === 0) return 1;
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(field, node, variables as Record<string, unknown>);
  } catch {
    // Arguments that do not coerce fail validation or execution before anything is read.
    return 1;
  }
  for (const argument of field.args) {
    // An explicit null is served as the default, so it costs as the default.
    const value = values[argument.name] ?? argument.defaultValue;
    if (SIZE_ARGUMENTS.includes(argument.name) && typeof value === 'number') return Math.max(1, value);
    if (isListType(getNullableType(argument.type)) && Array.isArray(value)) return Math.max(1, value.length);
    const input = getNamedType(argument.type);
    if (!isInputObjectType(input)) continue;
    const given = (value ?? {}) as Record<string, unknown>;
    for (const [name, inputField] of Object.entries(input.getFields())) {
      const inner = given[name] ?? (SIZE_ARGUMENTS.includes(name) ? inputField.defaultValue : undefined);
      if (SIZE_ARGUMENTS.includes(name) && typeof inner === 'number') return Math.max(1, inner);
      if (name === 'itemIds' && Array.isArray(inner)) return Math.max(1, inner.length);
    }
  }
  return 1;
}

/** The refusal of an operation that costs more than `maxCost`; undefined when it does not. */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  maxCost: number,
  exposeLimits: boolean,
): GraphQLError | undefined {
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const cost = operationCost(schema, operation, fragments, variables);
  if (cost <= maxCost) return undefined;
  return new GraphQLError(exposeLimits ? `Query is too costly: ${cost}, the limit is ${maxCost}.` : 'Query is too costly.', { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } });
}

/** Refuses an operation over `maxCost` with HTTP 400 before any resolver runs. */
export function queryCostPlugin(maxCost: number, exposeLimits: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const refusal = costRefusal(schema, document, operation, request.variables ?? {}, maxCost, exposeLimits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
