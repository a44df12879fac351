import type { GraphQLSchema } from 'graphql';
import { createDynamoDbClients, type DynamoDbClients } from './adapters/dynamodb/dynamodb-client.factory';
import { CursorCodec } from './adapters/dynamodb/dynamodb-cursor';
import { DynamoDbInteractionStore } from './adapters/dynamodb/dynamodb-interaction-store';
import { DynamoDbItemCatalog } from './adapters/dynamodb/dynamodb-item-catalog';
import { CachedItemCatalog } from './adapters/cached-item-catalog';
import { DynamoDbModelStore } from './adapters/dynamodb/dynamodb-model-store';
import { DynamoDbAnonymousSessionStore } from './adapters/dynamodb/dynamodb-anonymous-session-store';
import { DynamoDbFeedbackEventStore } from './adapters/dynamodb/dynamodb-feedback-event-store';
import { DynamoDbRecommendationListStore } from './adapters/dynamodb/dynamodb-recommendation-list-store';
import { InProcessFeedNotifier } from './adapters/pubsub/in-process-feed-notifier';
import { RedisFeedNotifier } from './adapters/redis/redis-feed-notifier';
import type { FeedNotifier } from './ports/feed-notifier.port';
import { AnonymousSessionService } from './services/anonymous-session.service';
import { EventRecordingService } from './services/event-recording.service';
import { DEFAULT_EVENT_VALUE_RANGES } from './services/event-input.validation';
import { jsonLog, leveledLog, type Log } from './logger';
import { GatewayMetrics } from './observability/gateway-metrics';
import { DynamoDbUserDirectory } from './adapters/dynamodb/dynamodb-user-directory';
import { ensureTables } from './adapters/dynamodb/table-definitions';
import { tableNames, type TableNames } from './adapters/dynamodb/table-names';
import { createPersonalizeEventsClient, createPersonalizeRuntimeClient } from './adapters/personalize/personalize-client.factory';
import { AwsPersonalizeEventSink } from './adapters/personalize/personalize-event-sink';
import { AwsPersonalizeRanker, AwsPersonalizeRecommender, AwsPersonalizeRelatedItems } from './adapters/personalize/personalize-recommender';
import type { AuthConfig, Config, PersonalizeConfig } from './config';
import { createCognitoClient } from './adapters/cognito/cognito-client.factory';
import { CognitoTokenVerifier } from './adapters/cognito/cognito-token-verifier';
import { CognitoUserProfiles } from './adapters/cognito/cognito-user-profiles';
import { AuthenticationService } from './services/authentication.service';
import type { PersonalizeEventSink } from './ports/personalize.port';
import { CircuitBreaker } from './support/circuit-breaker';
import { RateLimiter } from './support/rate-limiter';
import { createRequestContext, type ContextOptions, type LiveFeeds, type RequestContext } from './graphql/request-context';
import { buildGatewaySchema, type ResolverClass } from './graphql/gateway-schema';
import { CatalogService } from './services/catalog.service';
import { DatasetImportService } from './services/dataset-import.service';
import { RecommendationService } from './services/recommendation.service';
import type { ServedRecommendations } from './services/served-list.assembler';
import { SimilarItemsService } from './services/similar-items.service';
import { TrainingService } from './services/training.service';
import { UserHistoryService } from './services/user-history.service';
import { EventResolver, ExperimentResolver, FeedResolver, ItemResolver, ModelResolver, RecommendationResolver, ReportResolver, UserResolver } from '../resolvers';
import { DynamoDbExperimentStore } from './adapters/dynamodb/dynamodb-experiment-store';
import { ExperimentService } from './experiments/experiment.service';
import { readersOf } from './graphql/request-context';
import { FeedStateService } from './services/feed-state.service';
import { LiveFeedService } from './services/live-feed.service';
import { BurstShare } from './support/burst-share';
import { StrategyReportService } from './services/strategy-report.service';

export interface ContainerOptions {
  readonly config: Config;
  /** Endpoint of a stand-in the entry started itself (embedded dynalite); wins over config. */
  readonly dynamoDbEndpoint?: string;
  /** Clients built by the caller (tests count calls through their middleware stack). */
  readonly dynamoDb?: DynamoDbClients;
  /** A Personalize the entry started itself (the local one); wins over config. */
  readonly personalize?: Partial<PersonalizeConfig>;
  /** A user pool the entry started itself (cognito-local); wins over config. */
  readonly auth?: Partial<AuthConfig>;
  /** Pub/sub of feed changes; in-process when not given. */
  readonly notifier?: FeedNotifier;
  /** The secret page cursors are signed with, when the entry keeps one itself (npm start); wins over config. */
  readonly cursorSecret?: string;
  /** The clock of the rate limiters, the Personalize circuit breaker and anonymous sessions' time to live (tests move it instead of waiting for a bucket to refill, a circuit to cool down or a session to expire). */
  readonly clock?: () => number;
}

/** The composition root: config → clients → adapters → services → resolvers → schema, built once. */
export interface Container {
  readonly config: Config;
  readonly tables: TableNames;
  readonly dynamoDb: DynamoDbClients;
  /** The catalogue, recently read items kept in memory (ITEM_CACHE_SECONDS). */
  readonly catalog: CachedItemCatalog;
  readonly users: DynamoDbUserDirectory;
  readonly interactions: DynamoDbInteractionStore;
  readonly models: DynamoDbModelStore;
  readonly lists: DynamoDbRecommendationListStore;
  /** Anonymous visitors' sessions (written only when AUTH_ALLOW_ANONYMOUS is on). */
  readonly anonymousSessions: DynamoDbAnonymousSessionStore;
  readonly events: DynamoDbFeedbackEventStore;
  readonly notifier: FeedNotifier;
  readonly eventService: EventRecordingService;
  /** Baseline against Personalize, for `npm run report` and the admin query. */
  readonly reportService: StrategyReportService;
  /** Online experiments; AUTO lists follow the running one. */
  readonly experimentService: ExperimentService;
  /** Live feeds for subscriptions (the standalone server's graphql-ws). */
  readonly live: LiveFeeds;
  /** What this process's live feeds have received, have pending and have fired. */
  readonly feedActivity: LiveFeedService['activity'];
  readonly importService: DatasetImportService;
  readonly trainingService: TrainingService;
  readonly recommendationService: RecommendationService;
  /** Requests per viewer (in this process; each Lambda container has its own). */
  readonly rateLimiter: RateLimiter;
  /** From an Authorization header to the viewer (Cognito access tokens). */
  readonly authentication: AuthenticationService;
  /** PutEvents to the configured event tracker; undefined when no tracking id is configured. */
  readonly personalizeEvents: PersonalizeEventSink | undefined;
  readonly schema: GraphQLSchema;
  /** Structured JSON lines at LOG_LEVEL and above. */
  readonly log: Log;
  /** Request and recommendation counters of this process (the standalone server's /metrics). */
  readonly metrics: GatewayMetrics;
  createContext(options?: ContextOptions): RequestContext;
  /** Creates missing tables; returns the names it created. */
  ensureTables(): Promise<string[]>;
  close(): void;
}

export function createContainer(options: ContainerOptions): Container {
  const { config } = options;
  const endpoint = options.dynamoDbEndpoint ?? config.storage.endpoint;
  const dynamoDb =
    options.dynamoDb ??
    createDynamoDbClients({
      region: config.storage.region,
      endpoint,
      requestTimeoutMs: config.storage.requestTimeoutMs,
      connectTimeoutMs: config.storage.connectTimeoutMs,
      localCredentials: endpoint !== undefined && isLoopback(endpoint),
    });
  const tables = tableNames(config.storage.tablePrefix);
  const log = leveledLog(jsonLog, config.logLevel);
  const metrics = new GatewayMetrics();
  const cursors = new CursorCodec(options.cursorSecret ?? config.cursorSecret);
  const catalog = new CachedItemCatalog(new DynamoDbItemCatalog(dynamoDb.doc, tables.items, { filteredReadBudget: 2000, cursors }), {
    ttlMs: config.items.cacheMs,
    capacity: config.items.cacheEntries,
  });
  const users = new DynamoDbUserDirectory(dynamoDb.doc, tables.users);
  const interactions = new DynamoDbInteractionStore(dynamoDb.doc, tables.interactions, cursors);
  const models = new DynamoDbModelStore(dynamoDb.doc, tables.models, config.models);
  const lists = new DynamoDbRecommendationListStore(dynamoDb.doc, tables.recommendationLists, { retentionMs: config.listRetentionDays * 86_400_000, clock: Date.now });
  const events = new DynamoDbFeedbackEventStore(dynamoDb.doc, tables.events);
  const clock = options.clock ?? Date.now;
  const anonymousSessions = new DynamoDbAnonymousSessionStore(dynamoDb.doc, tables.anonymousSessions, clock);
  const notifier =
    options.notifier ??
    (config.live.redisUrl
      ? new RedisFeedNotifier({ url: config.live.redisUrl, channel: `${config.storage.tablePrefix}feed`, timeoutMs: config.storage.requestTimeoutMs, log })
      : new InProcessFeedNotifier());
  const personalize = personalizeRecommender(options.personalize ? { ...config.personalize, ...options.personalize } : config.personalize, options.clock);
  const similarItems = new SimilarItemsService(models, personalize?.related);
  const auth: AuthConfig = { ...config.auth, ...options.auth };
  const cognito = auth.userPoolId ? createCognitoClient({ region: auth.region, endpoint: auth.endpoint, timeoutMs: auth.timeoutMs }) : undefined;
  const profiles = cognito && auth.userPoolId ? new CognitoUserProfiles(cognito, auth.userPoolId, auth.timeoutMs) : undefined;
  const recommendationService = new RecommendationService(
    { interactions, models, lists, anonymousSessions, ...(personalize?.recommender ? { personalize: personalize.recommender } : {}), ...(personalize?.ranker ? { ranker: personalize.ranker } : {}) },
    { personalizeWeight: config.personalize.blendWeight, sessionWindowMs: config.sessionWindowMinutes * 60_000 },
  );
  const experimentService = new ExperimentService({ experiments: new DynamoDbExperimentStore(dynamoDb.doc, tables.experiments), events, lists, recommendations: recommendationService });
  const reportService = new StrategyReportService({ users, catalog, interactions, events, lists, recommendations: recommendationService });
  const anonymous = auth.allowAnonymous
    ? new AnonymousSessionService({ sessions: anonymousSessions, lists }, { ttlMs: config.anonymousSessions.ttlMinutes * 60_000, eventsPerMinute: config.anonymousSessions.eventsPerMinute }, clock)
    : undefined;
  const eventService = new EventRecordingService({ events, lists, interactions, notifier, log, ...(anonymous ? { anonymous } : {}), ...(personalize?.events ? { sink: personalize.events } : {}) }, Date.now, {
    ...DEFAULT_EVENT_VALUE_RANGES,
    ratingMax: config.ratingMax,
  });
  const schema = buildGatewaySchema(
    new Map<ResolverClass, object>([
      [ItemResolver, new ItemResolver(new CatalogService(catalog, models), similarItems)],
      [UserResolver, new UserResolver(new UserHistoryService(interactions))],
      [RecommendationResolver, new RecommendationResolver(recommendationService, experimentService)],
      [ExperimentResolver, new ExperimentResolver(experimentService)],
      [EventResolver, new EventResolver(eventService)],
      [FeedResolver, new FeedResolver(new FeedStateService({ models, events }))],
      [ReportResolver, new ReportResolver(reportService)],
      [ModelResolver, new ModelResolver(models)],
    ]),
  );
  const createContext = (contextOptions?: ContextOptions): RequestContext =>
    createRequestContext({ catalog, users, similarLists: (ids) => similarItems.similarLists(ids), ...(profiles ? { profiles } : {}) }, contextOptions);
  const liveFeed = new LiveFeedService(notifier, config.live.debounceMs, config.live.maxSubscriptionsPerUser);
  // The feeds of one user with the same input that one burst triggers share one list.
  const pushedLists = new BurstShare<ServedRecommendations>(10_000);
  const live: LiveFeeds = {
    triggers: (userId) => liveFeed.triggers(userId),
    // A pushed list takes the path of a fetched one: AUTO follows the running experiment.
    recommend: (userId, request) =>
      pushedLists.get(`${userId}\u0000${JSON.stringify(request)}`, liveFeed.changedAt(userId), async () => {
        const served = await experimentService.recommend(userId, request, readersOf(createContext()));
        metrics.countList({ requested: served.list.strategyRequested, served: served.list.strategyServed, fallbackReason: served.list.fallbackReason });
        return served;
      }),
    pushFailed: (error) => log({ level: 'warn', message: 'a live-feed push failed; the feed waits for its next trigger', error: error instanceof Error ? error.message : String(error) }),
  };
  // A model trained anywhere is served here at once, not after the pointer cache expires.
  void notifier.subscribe((change) => {
    if (change.kind === 'MODEL_TRAINED') models.forgetCurrentModel();
  });
  return {
    config,
    tables,
    dynamoDb,
    catalog,
    users,
    interactions,
    models,
    lists,
    anonymousSessions,
    events,
    notifier,
    eventService,
    reportService,
    experimentService,
    importService: new DatasetImportService({ items: catalog, users, interactions }),
    trainingService: new TrainingService({ interactions, catalog, models, notifier }),
    recommendationService,
    rateLimiter: new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst, undefined, options.clock),
    authentication: new AuthenticationService(auth.userPoolId ? new CognitoTokenVerifier(auth) : undefined, { allowAnonymous: auth.allowAnonymous }),
    personalizeEvents: personalize?.events,
    schema,
    log,
    metrics,
    live,
    feedActivity: () => liveFeed.activity(),
    createContext,
    ensureTables: () => ensureTables(dynamoDb.client, tables),
    close: () => {
      dynamoDb.client.destroy();
      personalize?.close();
      cognito?.destroy();
      void notifier.close();
    },
  };
}

interface PersonalizeParts {
  readonly recommender: AwsPersonalizeRecommender | undefined;
  readonly ranker: AwsPersonalizeRanker | undefined;
  readonly related: AwsPersonalizeRelatedItems | undefined;
  readonly events: AwsPersonalizeEventSink | undefined;
  close(): void;
}

/** The Personalize adapters for what is configured: campaigns or recommenders, and an event tracker. */
function personalizeRecommender(settings: PersonalizeConfig, clock?: () => number): PersonalizeParts | undefined {
  const { arn, rankingArn, relatedItemsArn, trackingId, endpoint, region, budgetMs, breakerFailures, breakerCooldownMs } = settings;
  if (!arn && !rankingArn && !relatedItemsArn && !trackingId) return undefined;
  const clientOptions = { region, endpoint, budgetMs, localCredentials: endpoint !== undefined && isLoopback(endpoint) };
  const client = createPersonalizeRuntimeClient(clientOptions);
  const eventsClient = trackingId ? createPersonalizeEventsClient(clientOptions) : undefined;
  // One circuit for the service: when Personalize is down, both calls should stop trying.
  const breaker = new CircuitBreaker({ failureThreshold: breakerFailures, cooldownMs: breakerCooldownMs }, clock);
  return {
    recommender: arn ? new AwsPersonalizeRecommender(client, { arn, budgetMs, filters: settings.filters, promotion: settings.promotion }, breaker) : undefined,
    ranker: rankingArn ? new AwsPersonalizeRanker(client, { arn: rankingArn, budgetMs }, breaker) : undefined,
    related: relatedItemsArn ? new AwsPersonalizeRelatedItems(client, { arn: relatedItemsArn, budgetMs }, breaker) : undefined,
    events: eventsClient && trackingId ? new AwsPersonalizeEventSink(eventsClient, trackingId, budgetMs, breaker) : undefined,
    close: () => {
      client.destroy();
      eventsClient?.destroy();
    },
  };
}

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
