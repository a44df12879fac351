import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { RequestContext } from './request-context';
import { formatGraphQLError, isClientError, withoutTokenLimit } from './format-error';
import { loadConfig, type QueryLimits } from '../config';
import { queryCostPlugin } from './query-cost';
import { variablesSizePlugin } from './variables-size';
import { queryArmor } from './query-armor';
import { cappedStringify } from './response-size';
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

/** Logs every error that is not the client's own mistake (masked ones, dependency failures), with the request id that ties them together. */
function errorLoggingPlugin(log: ApolloServerOptions['log']): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            // The client's own mistakes (coded by the domain, or by GraphQL itself) are answers, not incidents.
            if (isClientError(error)) continue;
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

/**
 * What Apollo's default cache-control plugin sends for recgate's schema (no cache hints):
 * `cache-control: no-store` on every response. That plugin computes a hint on every resolved
 * field — a hook that makes Apollo wrap each field's resolver, a list's hundreds included —
 * so it is disabled and the header set once per response here.
 */
function noStorePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

const hideTokenLimit = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({ ...formatted, message: withoutTokenLimit(formatted.message) });

export function createApolloServer(options: ApolloServerOptions): ApolloServer<RequestContext> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const expose = !limits.hideDetails;
  const armor = queryArmor(limits);
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: limits.hideDetails,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: limits.hideDetails ? (formatted, error) => hideTokenLimit(formatGraphQLError(formatted, error)) : formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    stringifyResult: cappedStringify(limits.maxResponseBytes),
    // The entry owns shutdown (drain, then close storage); Apollo's own signal handlers would
    // stop it half-way and re-send the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ...armor.plugins,
      variablesSizePlugin(expose),
      queryCostPlugin(limits.maxCost, expose),
      errorLoggingPlugin(options.log),
      operationRecordPlugin(),
      requestIdInErrorsPlugin(),
      // The default landing page loads from a CDN; GET /graphql serves the bundled playground instead.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      ...(options.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
    ],
  });
}
