import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { RequestContext } from '../context';
import { formatGraphQLError } from './format-error';

export interface ApolloServerOptions {
  readonly schema: GraphQLSchema;
  readonly httpServer?: Server;
  readonly log: (line: Record<string, unknown>) => void;
}

const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHENTICATED', 'OPERATION_RESOLUTION_FAILURE']);

/** Logs every error that is not the client's own mistake (masked ones, dependency failures), with the request id that ties them together. */
function errorLoggingPlugin(log: ApolloServerOptions['log']): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            // The client's own mistakes (coded by the domain, or by GraphQL itself) are answers, not incidents.
            const code = error.extensions?.['code'] ?? (error.originalError as { code?: unknown } | undefined)?.code;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            log({
              level: 'error',
              requestId: contextValue.requestId,
              operationName,
              message: error.message,
              path: error.path,
              stack: (error.originalError ?? error).stack,
            });
          }
        },
      };
    },
  };
}

export function createApolloServer(options: ApolloServerOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // The entry owns shutdown (drain, then close storage); Apollo's own signal handlers would
    // stop it half-way and re-send the signal.
    stopOnTerminationSignals: false,
    plugins: [
      errorLoggingPlugin(options.log),
      // The default landing page loads from a CDN; the bundled playground arrives with its own issue.
      ApolloServerPluginLandingPageDisabled(),
      ...(options.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
    ],
  });
}
