import type { GraphQLSchema } from 'graphql';
import type { FeedNotifier } from './ports/feed-notifier.port';
import { AnonymousSessionService } from './services/anonymous-session.service';
import { EventRecordingService } from './services/event-recording.service';
import { DEFAULT_EVENT_VALUE_RANGES } from './services/event-input.validation';
import { GatewayMetrics } from './observability/gateway-metrics';
import type { AuthConfig, PersonalizeConfig } from './config';
import { createFeedNotifier } from './composition/notifier.wiring';
import { personalizeParts } from './composition/personalize.wiring';
import { createStorage, type Storage, type StorageOptions } from './composition/storage.wiring';
import { socketParts, type SocketParts } from './composition/socket.wiring';
import { PublishingFeedNotifier } from './adapters/pubsub/publishing-feed-notifier';
import { createCognitoClient } from './adapters/cognito/cognito-client.factory';
import { CognitoUserProfiles } from './adapters/cognito/cognito-user-profiles';
import type { AdmissionService } from './services/admission.service';
import { createAdmission } from './composition/admission.root';
import type { PersonalizeEventSink } from './ports/personalize.port';
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

export interface ContainerOptions extends StorageOptions {
  /** A Personalize the entry started itself (the local one); wins over config. */
  readonly personalize?: Partial<PersonalizeConfig>;
  /** A user pool the entry started itself (cognito-local); wins over config. */
  readonly auth?: Partial<AuthConfig>;
  /** Pub/sub of feed changes; from config (Redis or in-process) when not given. */
  readonly notifier?: FeedNotifier;
  /** The clock of the rate limiters, the Personalize circuit breaker and anonymous sessions' time to live (tests move it instead of waiting for a bucket to refill, a circuit to cool down or a session to expire). */
  readonly clock?: () => number;
}

/**
 * The gateway's composition root: shared storage wiring (src/composition) → services →
 * resolvers → schema, built once, with no side effects until `start`. The GraphQL Lambda
 * builds it alone (`createGateway`); npm start, the scripts and the tests add the importer and
 * the trainer (`createContainer`); the training and replay Lambdas have roots of their own
 * (src/composition), without the GraphQL server.
 */
export interface Gateway extends Storage {
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
  readonly recommendationService: RecommendationService;
  /** From a request's credentials to its viewer or a typed refusal: authentication and the rate limits (in this process; each Lambda container has its own), for every host. */
  readonly admission: AdmissionService;
  /** The Lambda deployment's WebSocket API (when WEBSOCKET_MANAGEMENT_ENDPOINT is set): its protocol, its publisher and the connections. */
  readonly sockets: SocketParts | undefined;
  /** PutEvents to the configured event tracker; undefined when no tracking id is configured. */
  readonly personalizeEvents: PersonalizeEventSink | undefined;
  readonly schema: GraphQLSchema;
  /** Request and recommendation counters of this process (the standalone server's /metrics). */
  readonly metrics: GatewayMetrics;
  createContext(options?: ContextOptions): RequestContext;
  /** What a host does once it serves: listen for models trained elsewhere. Building the container does nothing of the kind. */
  start(): Promise<void>;
  close(): void;
}

/** The gateway and the offline work beside it (imports, training): what npm start, the operator scripts and the tests use. */
export interface Container extends Gateway {
  readonly importService: DatasetImportService;
  readonly trainingService: TrainingService;
}

export function createContainer(options: ContainerOptions): Container {
  const gateway = createGateway(options);
  const { catalog, users, interactions, models, notifier } = gateway;
  return { ...gateway, importService: new DatasetImportService({ items: catalog, users, interactions }), trainingService: new TrainingService({ interactions, catalog, models, notifier }) };
}

/** The gateway alone (the GraphQL Lambda): no importer, no trainer. */
export function createGateway(options: ContainerOptions): Gateway {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const storage = createStorage({ ...options, clock });
  const { tables, dynamoDb, log, catalog, users, interactions, models, lists, events, anonymousSessions } = storage;
  const metrics = new GatewayMetrics();
  // On the Lambda deployment every change is also pushed to the WebSocket API's clients (attached below, once the schema is built).
  const baseNotifier = options.notifier ?? createFeedNotifier(config, log);
  const publishing = config.websocket.managementEndpoint ? new PublishingFeedNotifier(baseNotifier) : undefined;
  const notifier: FeedNotifier = publishing ?? baseNotifier;
  const personalize = personalizeParts(options.personalize ? { ...config.personalize, ...options.personalize } : config.personalize, options.clock);
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
  const admission = createAdmission(auth, config.rateLimit, options.clock);
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
  // A pushed list takes the path of a fetched one: AUTO follows the running experiment.
  const pushedList: LiveFeeds['recommend'] = async (userId, request) => {
    const served = await experimentService.recommend(userId, request, readersOf(createContext()));
    metrics.countList({ requested: served.list.strategyRequested, served: served.list.strategyServed, fallbackReason: served.list.fallbackReason });
    return served;
  };
  const liveFeed = new LiveFeedService(notifier, config.live.debounceMs, config.live.maxSubscriptionsPerUser);
  // The feeds of one user with the same input that one burst triggers share one list.
  const pushedLists = new BurstShare<ServedRecommendations>(10_000);
  const live: LiveFeeds = {
    triggers: (userId) => liveFeed.triggers(userId),
    recommend: (userId, request) => pushedLists.get(`${userId}\u0000${JSON.stringify(request)}`, liveFeed.changedAt(userId), () => pushedList(userId, request)),
    pushFailed: (error, userId) => log({ level: 'warn', message: 'a live-feed push failed; the feed waits for its next trigger', viewer: userId, error: error instanceof Error ? error.message : String(error) }),
  };
  const sockets = config.websocket.managementEndpoint
    ? socketParts({ config, endpoint: config.websocket.managementEndpoint, storage, schema, createContext, recommend: pushedList, admission, log, clock })
    : undefined;
  if (sockets && publishing) publishing.attach((change) => sockets.publisher.publish(change));
  return {
    ...storage,
    sockets,
    notifier,
    eventService,
    reportService,
    experimentService,
    recommendationService,
    admission,
    personalizeEvents: personalize?.events,
    schema,
    metrics,
    live,
    feedActivity: () => liveFeed.activity(),
    createContext,
    // A model trained in another process is served here at once, not after the pointer cache expires (this process's own trainings set it).
    start: async () => {
      await notifier.subscribe((change) => {
        if (change.kind === 'MODEL_TRAINED') models.forgetCurrentModel();
      });
    },
    close: () => {
      sockets?.close();
      dynamoDb.close();
      personalize?.close();
      cognito?.destroy();
      void notifier.close();
    },
  };
}
