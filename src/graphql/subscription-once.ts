import { subscribe, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Viewer } from '../domain/viewer';
import type { FeedTrigger } from '../services/live-feed.service';
import type { ContextOptions, LiveFeeds, RequestContext } from './request-context';

export interface SubscriptionRun {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly viewer: Viewer;
  readonly requestId: string;
  readonly createContext: (options: ContextOptions) => RequestContext;
}

/**
 * A subscription operation run through the schema's own resolvers without a long-lived
 * stream (the Lambda deployment keeps none): `probe` answers whose feed it follows and its
 * refusal (FORBIDDEN, a bad input) without computing a list; `once` gives one pushed result for
 * the list `recommend` computes.
 */
export async function probeSubscription(run: SubscriptionRun): Promise<{ readonly userId: string } | { readonly errors: ExecutionResult['errors'] }> {
  let followed: string | undefined;
  const live: LiveFeeds = {
    triggers: (userId) => {
      followed = userId;
      return ended();
    },
    recommend: () => Promise.reject(new Error('a probe computes no list')),
    pushFailed: () => undefined,
  };
  const result = await start(run, live);
  if (!isIterator(result)) return { errors: result.errors };
  await result.return?.();
  return followed === undefined ? { errors: undefined } : { userId: followed };
}

/** One push of the subscription: its payload for the list `recommend` gives (a result with errors when it cannot be computed). */
export async function onceSubscription(run: SubscriptionRun, recommend: LiveFeeds['recommend']): Promise<ExecutionResult> {
  let failure: unknown;
  const live: LiveFeeds = {
    triggers: () => oneTrigger(),
    recommend,
    pushFailed: (error) => {
      failure = error;
    },
  };
  const result = await start(run, live);
  if (!isIterator(result)) return result;
  const first = await result.next();
  await result.return?.();
  if (first.done || failure !== undefined) throw failure instanceof Error ? failure : new Error('the push produced no result');
  return first.value;
}

function start(run: SubscriptionRun, live: LiveFeeds): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult> {
  return Promise.resolve(
    subscribe({ schema: run.schema, document: run.document, operationName: run.operationName ?? null, variableValues: { ...run.variables }, contextValue: run.createContext({ requestId: run.requestId, viewer: run.viewer, live }) }),
  );
}

function isIterator(value: AsyncGenerator<ExecutionResult, void, void> | ExecutionResult): value is AsyncGenerator<ExecutionResult, void, void> {
  return Symbol.asyncIterator in value;
}

async function* ended(): AsyncGenerator<FeedTrigger, void, void> {
  // A probe's stream: nothing is ever pushed on it.
}

async function* oneTrigger(): AsyncGenerator<FeedTrigger, void, void> {
  yield 'USER_EVENTS';
}
