import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { MAX_RANKED_ITEMS } from '../services/recommendation-request.validation';

/**
 * The longest list a variable may hold, twice the longest any field takes (rankItems'
 * itemIds), so that a field's own limit answers a list it refuses with its own message.
 */
export const MAX_VARIABLE_LIST_LENGTH = 2 * MAX_RANKED_ITEMS;
/**
 * Values (list entries and object fields, at any depth) all variables may hold together: a full
 * batch of 100 events, each showing 100 items, is about 11,000.
 */
export const MAX_VARIABLE_VALUES = 20_000;

/**
 * The refusal of variables too large to be read: graphql-js coerces every value of every
 * variable before any resolver can refuse the list (10,000 events, half of the 1 MB a body
 * may hold, took 50–70 ms), so sizes are counted first, from the JSON as sent, without
 * recursion (a list nested 100,000 deep is counted, not a stack overflow).
 */
export function oversizedVariables(variables: Readonly<Record<string, unknown>>, exposeLimits: boolean): GraphQLError | undefined {
  let values = 0;
  for (const [name, value] of Object.entries(variables)) {
    const pending: unknown[] = [value];
    while (pending.length > 0) {
      const next = pending.pop();
      if (next === null || typeof next !== 'object') continue;
      if (Array.isArray(next) && next.length > MAX_VARIABLE_LIST_LENGTH) {
        return refusal(exposeLimits ? `Variable "$${name}" holds a list of ${next.length} values; the limit is ${MAX_VARIABLE_LIST_LENGTH}.` : `Variable "$${name}" holds too long a list.`);
      }
      const entries: unknown[] = Array.isArray(next) ? next : Object.values(next);
      values += entries.length;
      if (values > MAX_VARIABLE_VALUES) return refusal(exposeLimits ? `The variables hold more than ${MAX_VARIABLE_VALUES} values.` : 'The variables hold too many values.');
      for (const entry of entries) pending.push(entry);
    }
  }
  return undefined;
}

const refusal = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** Refuses variables over the limits above with HTTP 400, before graphql-js coerces them. */
export function variablesSizePlugin(exposeLimits: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const refused = oversizedVariables(request.variables ?? {}, exposeLimits);
          if (refused) throw refused;
        },
      };
    },
  };
}
