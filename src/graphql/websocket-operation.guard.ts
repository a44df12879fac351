import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config';
import { queryArmor } from './query-armor';
import { costRefusal } from './query-cost';
import { oversizedVariables } from './variables-size';
import { withoutTokenLimit } from './format-error';

export interface WebSocketPayload {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

export interface GuardedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
}

/** Operations one connection may have running at once (a live feed is one), on either host. */
export const MAX_OPERATIONS_PER_CONNECTION = 10;
/** A graphql-ws operation id's length (clients send UUIDs). */
export const MAX_OPERATION_ID_LENGTH = 128;

const refusal = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/**
 * The checks Apollo applies to an HTTP request, for an operation that arrives over graphql-ws
 * (which would otherwise parse, validate and run it with graphql-js's defaults): the token limit
 * while parsing, the standard rules plus GraphQL Armor's and no introspection when it is off,
 * the size of the variables and the cost limit. Answers the operation to run, or the errors
 * to send back, with the same codes as over HTTP; field suggestions are dropped when details
 * are hidden.
 */
export function webSocketOperationGuard(schema: GraphQLSchema, limits: QueryLimits): (payload: WebSocketPayload) => GuardedOperation | GraphQLError[] {
  const rules: ValidationRule[] = [...specifiedRules, ...queryArmor(limits).validationRules, ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const withoutHints = (message: string) => (limits.hideDetails ? message.replace(/ ?Did you mean .*$/, '') : message);
  return (payload) => {
    if (typeof payload.query !== 'string') return [refusal('The operation has no query text.', 'BAD_REQUEST')];
    if (payload.operationName !== undefined && payload.operationName !== null && typeof payload.operationName !== 'string') return [refusal('operationName must be a string.', 'BAD_REQUEST')];
    if (payload.variables !== undefined && payload.variables !== null && (typeof payload.variables !== 'object' || Array.isArray(payload.variables))) return [refusal('variables must be an object.', 'BAD_REQUEST')];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
      return [refusal(limits.hideDetails ? withoutTokenLimit(message) : message, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return invalid.map((error) => refusal(withoutHints(error.message), 'GRAPHQL_VALIDATION_FAILED'));
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [refusal('The document names no operation to run (give operationName when it holds several).', 'OPERATION_RESOLUTION_FAILURE')];
    const variables = (payload.variables ?? {}) as Record<string, unknown>;
    const oversized = oversizedVariables(variables, !limits.hideDetails);
    if (oversized) return [refusal(oversized.message, 'BAD_USER_INPUT')];
    const tooCostly = costRefusal(schema, document, operation, variables, limits.maxCost, !limits.hideDetails);
    if (tooCostly) return [refusal(tooCostly.message, 'QUERY_TOO_COSTLY')];
    return { document, operation, operationName, variables };
  };
}
