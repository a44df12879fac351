import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './request-context';
import { withRequestId } from './format-error';

/**
 * A masked error tells the client nothing but that it happened; the request id in its message
 * is what they can quote to an operator, who finds the details logged under it.
 */
export function requestIdInErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => withRequestId(error, contextValue.requestId));
        },
      };
    },
  };
}
