import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './request-context';

/** Notes on the request's record what Apollo learns: the operation's name and type, and the codes of the errors it answers with. */
export function operationRecordPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operation, operationName }) {
          contextValue.operation.operationType = operation?.operation;
          contextValue.operation.operationName = operationName ?? undefined;
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          for (const error of errors ?? []) {
            const code = error.extensions?.['code'];
            contextValue.operation.errorCodes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
