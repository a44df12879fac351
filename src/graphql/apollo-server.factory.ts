import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { RequestContext } from '../context';
import { formatGraphQLError } from './format-error';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { loadConfig, type QueryLimits } from '../config';
import { queryCostPlugin } from './query-cost';
import { operationRecordPlugin } from './operation-record.plugin';
import { requestIdInErrorsPlugin } from './request-id-in-errors.plugin';

/** The configured defaults (an empty environment), for servers built without a config (tests). */
export const DEFAULT_LIMITS: QueryLimits = loadConfig({}).limits;

export interface ApolloServerOptions {
  readonly schema: GraphQLSchema;
  /** What one operation may ask; DEFAULT_LIMITS when absent (tests). */
  readonly limits?: QueryLimits;
  readonly httpServer?: Server;
  readonly log: (line: Record<string, unknown>) => void;
}

const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHENTICATED', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COSTLY', 'RATE_LIMITED']);

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
  const limits = options.limits ?? DEFAULT_LIMITS;
  const expose = !limits.hideDetails;
  // GraphQL Armor for depth, aliases, directives and field suggestions; tokens through Apollo's
  // own parser (Armor's token plugin answers 500 on Apollo); cost by our plugin, which counts
  // list fields by their first / limit.
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, exposeLimits: expose, flattenFragments: true },
    maxAliases: { enabled: true, n: limits.maxAliases, exposeLimits: expose },
    maxDirectives: { enabled: true, n: limits.maxDirectives, exposeLimits: expose },
    blockFieldSuggestion: { enabled: limits.hideDetails },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: limits.hideDetails,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // The entry owns shutdown (drain, then close storage); Apollo's own signal handlers would
    // stop it half-way and re-send the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ...armor.plugins,
      queryCostPlugin(limits.maxCost, expose),
      errorLoggingPlugin(options.log),
      operationRecordPlugin(),
      requestIdInErrorsPlugin(),
      // The default landing page loads from a CDN; the bundled playground arrives with its own issue.
      ApolloServerPluginLandingPageDisabled(),
      ...(options.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
    ],
  });
}
