import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
  type ValueNode,
  valueFromAST,
  type VariableDefinitionNode,
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
  const variables = withDeclaredDefaults(schema, operation.variableDefinitions ?? [], rawVariables);
  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionCost({ schema, fragments, variables, fragmentCosts: new Map() }, root, operation.selectionSet, new Set());
}

/**
 * The variables as sent, with the declared defaults of those absent. They are not coerced:
 * the cost reads only sizes (a number, a list's length), which coercion leaves as they are,
 * and coercing a batch of events is work in proportion to its size — for an invalid batch,
 * milliseconds of error messages — that execution does again, with its cap on errors, and
 * refuses anyway.
 */
function withDeclaredDefaults(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], raw: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let variables = raw;
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (!definition.defaultValue || raw[name] !== undefined) continue;
    const type = typeFromAST(schema, definition.type);
    const value = type && isInputType(type) ? valueFromAST(definition.defaultValue, type) : undefined;
    if (value !== undefined) variables = { ...variables, [name]: value };
  }
  return variables;
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

/** Where a field's size comes from, worked out once per schema field. */
interface SizePlan {
  /** A `first` / `limit` argument, with its default. */
  readonly direct?: GraphQLArgument;
  /** A list argument (recordEvents' events). */
  readonly list?: GraphQLArgument;
  /** An input-object argument holding `limit` (with its default) or `itemIds`. */
  readonly input?: { readonly argument: GraphQLArgument; readonly limit?: GraphQLInputField; readonly items?: GraphQLInputField };
}

const plans = new WeakMap<GraphQLField<unknown, unknown>, SizePlan | null>();

function planOf(field: GraphQLField<unknown, unknown>): SizePlan | null {
  let plan = plans.get(field);
  if (plan !== undefined) return plan;
  const direct = field.args.find((argument) => SIZE_ARGUMENTS.includes(argument.name));
  const list = field.args.find((argument) => isListType(getNullableType(argument.type)));
  let input: SizePlan['input'];
  for (const argument of field.args) {
    const type = getNamedType(argument.type);
    if (!isInputObjectType(type)) continue;
    const fields = type.getFields();
    const limit = SIZE_ARGUMENTS.map((name) => fields[name]).find((inputField) => inputField !== undefined);
    const items = fields['itemIds'];
    if (limit || items) {
      input = { argument, ...(limit ? { limit } : {}), ...(items ? { items } : {}) };
      break;
    }
  }
  plan = direct || list || input ? { ...(direct ? { direct } : {}), ...(list ? { list } : {}), ...(input ? { input } : {}) } : null;
  plans.set(field, plan);
  return plan;
}

/** How many times a field's selection is made: its size argument, that argument's default, or the length of a list it is given. */
function sizeOf(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  const plan = field ? planOf(field) : null;
  if (!plan) return 1;
  const given = (name: string): ValueNode | undefined => node.arguments?.find((argument) => argument.name.value === name)?.value;
  if (plan.direct) {
    // An explicit null is served as the default, so it costs as the default.
    const value = valueOf(given(plan.direct.name), plan.direct.type, variables) ?? plan.direct.defaultValue;
    if (typeof value === 'number') return Math.max(1, value);
  }
  if (plan.list) {
    const value = valueOf(given(plan.list.name), plan.list.type, variables);
    if (Array.isArray(value)) return Math.max(1, value.length);
  }
  if (plan.input) {
    const { argument, limit, items } = plan.input;
    const node = given(argument.name);
    const inner = (inputField: GraphQLInputField): unknown => {
      if (node?.kind === Kind.OBJECT) return valueOf(node.fields.find((entry) => entry.name.value === inputField.name)?.value, inputField.type, variables);
      if (node?.kind === Kind.VARIABLE) return (variables[node.name.value] as Record<string, unknown> | null | undefined)?.[inputField.name];
      return undefined;
    };
    if (items) {
      const value = inner(items);
      if (Array.isArray(value)) return Math.max(1, value.length);
    }
    if (limit) {
      const value = inner(limit) ?? limit.defaultValue;
      if (typeof value === 'number') return Math.max(1, value);
    }
  }
  return 1;
}

/** An argument's value, coerced; undefined when absent, null or not coercible (validation refuses those). */
function valueOf(node: ValueNode | undefined, type: GraphQLInputType, variables: Readonly<Record<string, unknown>>): unknown {
  if (!node) return undefined;
  return valueFromAST(node, type, variables as Record<string, unknown>) ?? undefined;
}

/** Variables past this length are not worth a cache key (a batch of events): their cost is computed each time. */
const MAX_CACHED_VARIABLES = 512;
/** Costs kept per operation (distinct variables), so varied variables cannot grow the cache. */
const MAX_COSTS_PER_OPERATION = 16;
const knownCosts = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Map<string, number>>>();

/**
 * What is left of `budget` characters after counting `value` as JSON (its length, or a few
 * characters more: a comma after each last entry), stopping once below 0, so that a large
 * value costs no more steps than a small one.
 */
function sizeLeft(value: unknown, budget: number): number {
  if (typeof value === 'string') return budget - value.length - 2;
  if (value === null || typeof value !== 'object') return budget - String(value).length;
  let left = budget - 2;
  if (Array.isArray(value)) {
    for (let n = 0; n < value.length && left >= 0; n++) left = sizeLeft(value[n], left - 1);
    return left;
  }
  for (const key in value) {
    left = sizeLeft((value as Record<string, unknown>)[key], left - key.length - 4);
    if (left < 0) return left;
  }
  return left;
}

/**
 * The operation's cost, remembered per parsed operation (Apollo and the WebSocket guard
 * reuse a document parsed before) and variables: a client's repeated query is walked once.
 */
function cachedCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): number {
  // Large variables (a batch of events) are not serialised only to find them too long for a key.
  const key = (operation.variableDefinitions ?? []).length === 0 ? '' : sizeLeft(variables, MAX_CACHED_VARIABLES) >= 0 ? JSON.stringify(variables) : undefined;
  let bySchema = knownCosts.get(schema);
  if (!bySchema) knownCosts.set(schema, (bySchema = new WeakMap()));
  let costs = bySchema.get(operation);
  const known = key === undefined ? undefined : costs?.get(key);
  if (known !== undefined) return known;
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const cost = operationCost(schema, operation, fragments, variables);
  if (key !== undefined && key.length <= MAX_CACHED_VARIABLES) {
    if (!costs) bySchema.set(operation, (costs = new Map()));
    if (costs.size >= MAX_COSTS_PER_OPERATION) costs.clear();
    costs.set(key, cost);
  }
  return cost;
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
  const cost = cachedCost(schema, document, operation, variables);
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
