import path from 'node:path';
import { LOG_LEVELS, type LogLevel } from './logger';

/**
 * The only reader of process.env. Every value is typed and validated here, and a bad
 * value fails at start with the variable's name, not later inside a request.
 */

export type StorageMode = 'embedded' | 'memory' | 'dynamodb';

export interface StorageConfig {
  /** embedded: dynalite on disk under dataDir; memory: dynalite in memory; dynamodb: an endpoint (AWS or one you run). */
  readonly mode: StorageMode;
  readonly dataDir: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly tablePrefix: string;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface PersonalizeConfig {
  /** A campaign or recommender ARN; undefined: Personalize is not configured. */
  readonly arn: string | undefined;
  /** A personalized-ranking campaign ARN, for rankItems; undefined: the baseline ranks. */
  readonly rankingArn: string | undefined;
  /** A related-items (SIMS) campaign ARN, for Item.similar; undefined: item-kNN answers. */
  readonly relatedItemsArn: string | undefined;
  readonly endpoint: string | undefined;
  readonly region: string;
  /** Whole-call time budget, the one retry included. */
  readonly budgetMs: number;
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
  /** BLENDED's default weight of Personalize's list. */
  readonly blendWeight: number;
  /** Filters that let Personalize leave out seen items and keep requested categories itself. */
  readonly filters: PersonalizeFilters;
  /** Items a filter selects, promoted into a share of every user-personalization list. */
  readonly promotion: PersonalizePromotion | undefined;
  /** The event tracker that PutEvents forwards interactions to; undefined: nothing is forwarded. */
  readonly trackingId: string | undefined;
}

export interface PersonalizeFilters {
  /** `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")` */
  readonly unseenArn: string | undefined;
  /** `INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)` */
  readonly categoryArn: string | undefined;
  /** Both expressions in one filter (a request takes one filter). */
  readonly unseenCategoryArn: string | undefined;
  /** The placeholder the category filters take their values from. */
  readonly categoryParameter: string;
}

export interface PersonalizePromotion {
  readonly name: string;
  readonly filterArn: string;
  readonly percent: number;
  readonly filterValues: Readonly<Record<string, string>>;
}

export interface Config {
  /**
   * The standalone server. A client gets headersTimeoutMs to send its request headers and
   * requestTimeoutMs for the whole request (slow-sending clients are cut off with 408).
   */
  readonly server: { readonly host: string; readonly port: number; readonly headersTimeoutMs: number; readonly requestTimeoutMs: number };
  readonly storage: StorageConfig;
  /**
   * The secret page cursors are signed with (CURSOR_SECRET). Every instance of a deployment
   * needs the same one; undefined: each process makes its own (npm start keeps one under the data directory).
   */
  readonly cursorSecret: string | undefined;
  readonly demoData: { readonly loadWhenEmpty: boolean; readonly seed: number };
  /** npm start starts the local Personalize (unless PERSONALIZE_ARN names a real one). */
  readonly localPersonalize: boolean;
  /** How long the current-model pointer is cached: a model trained by another process is served after at most this. */
  readonly models: { readonly pointerCacheMs: number; readonly artefactCacheRows: number };
  /** Items read on the request path are kept this long (0: off); a write by another process shows after at most cacheMs. */
  readonly items: { readonly cacheMs: number; readonly cacheEntries: number };
  readonly personalize: PersonalizeConfig;
  readonly auth: AuthConfig;
  /** Live feeds: a burst of changes within debounceMs gives one push; Redis shares changes between instances. */
  readonly live: { readonly debounceMs: number; readonly redisUrl: string | undefined; readonly maxSubscriptionsPerUser: number };
  /** The Lambda deployment's WebSocket API: its management endpoint (WEBSOCKET_MANAGEMENT_ENDPOINT), set where pushes go through API Gateway; the WebSocket function (WEBSOCKET_FUNCTION_NAME), which the training job hands a new model to. */
  readonly websocket: { readonly managementEndpoint: string | undefined; readonly functionName: string | undefined };
  /** `npm run start:lambda`'s local API Gateway: the HTTP API's and the WebSocket API's ports (LAMBDA_HTTP_PORT, LAMBDA_WS_PORT). */
  readonly lambdaHosts: { readonly httpPort: number; readonly wsPort: number };
  /** Limits on what one operation may ask (hostile queries are refused before any resolver runs). */
  readonly limits: QueryLimits;
  /** Requests per viewer (token bucket; anonymous viewers share one bucket per client address). */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** The standalone server serves GraphiQL on GET /graphql and the admin dashboard on /dashboard. */
  readonly playground: boolean;
  /** npm start starts cognito-local (unless COGNITO_USER_POOL_ID names a real pool). */
  readonly localCognito: boolean;
  /** Without a session id, a list's session is the user's events of this many minutes before now (SESSION_WINDOW_MINUTES). */
  readonly sessionWindowMinutes: number;
  /** Visitors without an account (AUTH_ALLOW_ANONYMOUS): a session is forgotten ttlMinutes after its last event, and sends at most eventsPerMinute. */
  readonly anonymousSessions: { readonly ttlMinutes: number; readonly eventsPerMinute: number };
  /** Days a served list is kept (LIST_RETENTION_DAYS): impressions and clicks name a list of at most this age. */
  readonly listRetentionDays: number;
  /** The top of the rating scale a RATE event's value may reach (RATING_MAX; 0 is the bottom). */
  readonly ratingMax: number;
  /** NODE_ENV=production: details hidden, no tokens embedded in pages. */
  readonly production: boolean;
  /** With it, /metrics answers anyone sending `Authorization: Bearer <METRICS_TOKEN>`; without it, only loopback clients. */
  readonly metricsToken: string | undefined;
  /** Log lines below this level are dropped (one `info` line per GraphQL request). */
  readonly logLevel: LogLevel;
}

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  /** Fields, each list field's selection counted `first` / `limit` times. */
  readonly maxCost: number;
  /** Bytes of one response (JSON); past it the client gets RESPONSE_TOO_LARGE. */
  readonly maxResponseBytes: number;
  readonly introspection: boolean;
  /** Production (NODE_ENV=production): rejections name no limits and errors give no schema hints. */
  readonly hideDetails: boolean;
}

export interface AuthConfig {
  /** The Cognito user pool whose access tokens are accepted; undefined: none configured. */
  readonly userPoolId: string | undefined;
  /** The app client the tokens must be issued to. */
  readonly clientId: string | undefined;
  readonly region: string;
  /** Issuer override, for cognito-local (`http://host:port/<poolId>`); undefined: Cognito's own. */
  readonly issuer: string | undefined;
  /** Endpoint override of the Cognito user pool API (cognito-local). */
  readonly endpoint: string | undefined;
  /** Anonymous requests are served cold-start lists (off: every request needs a token). */
  readonly allowAnonymous: boolean;
  /** Budget of a call to Cognito (JWKS, AdminGetUser). */
  readonly timeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function stringVar(env: Env, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  return value;
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function unitIntervalVar(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(name, `must be a number from 0 to 1, got "${raw}"`);
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const normalised = raw.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(normalised)) return true;
  if (['0', 'false', 'off', 'no'].includes(normalised)) return false;
  throw new ConfigError(name, `must be on/off (true/false), got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = stringVar(env, name, fallback);
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function tablePrefixVar(env: Env): string {
  const prefix = stringVar(env, 'TABLE_PREFIX', 'recgate-');
  if (!/^[A-Za-z0-9_.-]{0,200}$/.test(prefix)) {
    throw new ConfigError('TABLE_PREFIX', `may hold only letters, digits, "_", "-" and ".", got "${prefix}"`);
  }
  return prefix;
}

function serverVars(env: Env): Config['server'] {
  const headersTimeoutMs = intVar(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = intVar(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}), got ${headersTimeoutMs}`);
  }
  return { host: stringVar(env, 'HOST', 'localhost'), port: intVar(env, 'PORT', 4000, 0, 65535), headersTimeoutMs, requestTimeoutMs };
}

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf<StorageMode>(env, 'STORAGE', 'embedded', ['embedded', 'memory', 'dynamodb']);
  const endpoint = env['DYNAMODB_ENDPOINT'] || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw new ConfigError('DYNAMODB_ENDPOINT', `must be an http(s) URL, got "${endpoint}"`);
  }
  if (endpoint !== undefined && mode !== 'dynamodb') {
    throw new ConfigError('DYNAMODB_ENDPOINT', `is only used with STORAGE=dynamodb (STORAGE is "${mode}")`);
  }
  const config: Config = {
    server: serverVars(env),
    storage: {
      mode,
      dataDir: path.resolve(stringVar(env, 'DATA_DIR', '.data')),
      endpoint,
      region: stringVar(env, 'AWS_REGION', 'us-east-1'),
      tablePrefix: tablePrefixVar(env),
      requestTimeoutMs: intVar(env, 'DYNAMODB_TIMEOUT_MS', 3000, 50, 60000),
      connectTimeoutMs: intVar(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', 1000, 50, 60000),
    },
    cursorSecret: cursorSecretVar(env),
    demoData: {
      loadWhenEmpty: boolVar(env, 'DEMO_DATA', true),
      seed: intVar(env, 'DEMO_SEED', 42, 0, 2 ** 31 - 1),
    },
    personalize: personalizeConfig(env),
    localPersonalize: boolVar(env, 'LOCAL_PERSONALIZE', true),
    auth: authConfig(env),
    limits: {
      maxDepth: intVar(env, 'QUERY_MAX_DEPTH', 12, 2, 100),
      maxAliases: intVar(env, 'QUERY_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: intVar(env, 'QUERY_MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: intVar(env, 'QUERY_MAX_TOKENS', 2000, 100, 100_000),
      maxCost: intVar(env, 'QUERY_MAX_COST', 20_000, 100, 10_000_000),
      maxResponseBytes: intVar(env, 'RESPONSE_MAX_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
      introspection: boolVar(env, 'INTROSPECTION', env['NODE_ENV'] !== 'production'),
      hideDetails: env['NODE_ENV'] === 'production',
    },
    rateLimit: { perSecond: intVar(env, 'RATE_LIMIT_PER_SECOND', 20, 1, 100_000), burst: intVar(env, 'RATE_LIMIT_BURST', 40, 1, 1_000_000) },
    live: { debounceMs: intVar(env, 'FEED_DEBOUNCE_MS', 250, 0, 60_000), redisUrl: redisUrlVar(env), maxSubscriptionsPerUser: intVar(env, 'FEED_MAX_SUBSCRIPTIONS_PER_USER', 20, 1, 10_000) },
    websocket: { managementEndpoint: urlVar(env, 'WEBSOCKET_MANAGEMENT_ENDPOINT'), functionName: env['WEBSOCKET_FUNCTION_NAME'] || undefined },
    lambdaHosts: { httpPort: intVar(env, 'LAMBDA_HTTP_PORT', 4010, 0, 65535), wsPort: intVar(env, 'LAMBDA_WS_PORT', 4011, 0, 65535) },
    localCognito: boolVar(env, 'LOCAL_COGNITO', true),
    ratingMax: intVar(env, 'RATING_MAX', 5, 1, 1000),
    production: env['NODE_ENV'] === 'production',
    metricsToken: metricsTokenVar(env),
    listRetentionDays: intVar(env, 'LIST_RETENTION_DAYS', 30, 1, 3650),
    sessionWindowMinutes: intVar(env, 'SESSION_WINDOW_MINUTES', 30, 1, 24 * 60),
    anonymousSessions: { ttlMinutes: intVar(env, 'ANONYMOUS_SESSION_TTL_MINUTES', 30, 1, 7 * 24 * 60), eventsPerMinute: intVar(env, 'ANONYMOUS_SESSION_EVENTS_PER_MINUTE', 60, 1, 6000) },
    playground: boolVar(env, 'PLAYGROUND', true),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    items: { cacheMs: intVar(env, 'ITEM_CACHE_SECONDS', 60, 0, 3600) * 1000, cacheEntries: intVar(env, 'ITEM_CACHE_ENTRIES', 20_000, 1, 10_000_000) },
    models: {
      pointerCacheMs: intVar(env, 'MODEL_CACHE_SECONDS', 30, 0, 3600) * 1000,
      artefactCacheRows: intVar(env, 'MODEL_ARTEFACT_CACHE_ROWS', 50_000, 0, 10_000_000),
    },
  };
  return deepFreeze(config);
}

function metricsTokenVar(env: Env): string | undefined {
  const token = env['METRICS_TOKEN'] || undefined;
  if (token !== undefined && !/^[A-Za-z0-9._~+/=-]{16,512}$/.test(token)) throw new ConfigError('METRICS_TOKEN', 'must be 16–512 token characters (e.g. openssl rand -hex 24)');
  return token;
}

function cursorSecretVar(env: Env): string | undefined {
  const secret = env['CURSOR_SECRET'] || undefined;
  if (secret !== undefined && (secret.length < 32 || secret.length > 512)) {
    throw new ConfigError('CURSOR_SECRET', `must be 32–512 characters (e.g. openssl rand -hex 32), got ${secret.length}`);
  }
  return secret;
}

function personalizeConfig(env: Env): PersonalizeConfig {
  const arn = env['PERSONALIZE_ARN'] || undefined;
  if (arn !== undefined && !/^arn:[a-z\d-]+:personalize:[^:]*:[^:]*:(campaign|recommender)\/.+$/.test(arn)) {
    throw new ConfigError('PERSONALIZE_ARN', `must be a Personalize campaign or recommender ARN, got "${arn}"`);
  }
  const rankingArn = env['PERSONALIZE_RANKING_ARN'] || undefined;
  if (rankingArn !== undefined && !/^arn:[a-z\d-]+:personalize:[^:]*:[^:]*:campaign\/.+$/.test(rankingArn)) {
    throw new ConfigError('PERSONALIZE_RANKING_ARN', `must be a Personalize campaign ARN, got "${rankingArn}"`);
  }
  const relatedItemsArn = env['PERSONALIZE_SIMS_ARN'] || undefined;
  if (relatedItemsArn !== undefined && !/^arn:[a-z\d-]+:personalize:[^:]*:[^:]*:campaign\/.+$/.test(relatedItemsArn)) {
    throw new ConfigError('PERSONALIZE_SIMS_ARN', `must be a Personalize campaign ARN, got "${relatedItemsArn}"`);
  }
  const endpoint = env['PERSONALIZE_ENDPOINT'] || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw new ConfigError('PERSONALIZE_ENDPOINT', `must be an http(s) URL, got "${endpoint}"`);
  }
  const trackingId = env['PERSONALIZE_TRACKING_ID'] || undefined;
  if (trackingId !== undefined && !/^[\w-]{1,256}$/.test(trackingId)) {
    throw new ConfigError('PERSONALIZE_TRACKING_ID', `must be an event tracker's tracking id, got "${trackingId}"`);
  }
  return {
    arn,
    rankingArn,
    relatedItemsArn,
    endpoint,
    region: stringVar(env, 'PERSONALIZE_REGION', stringVar(env, 'AWS_REGION', 'us-east-1')),
    budgetMs: intVar(env, 'PERSONALIZE_BUDGET_MS', 250, 10, 30_000),
    breakerFailures: intVar(env, 'PERSONALIZE_BREAKER_FAILURES', 5, 1, 1000),
    breakerCooldownMs: intVar(env, 'PERSONALIZE_BREAKER_COOLDOWN_MS', 10_000, 100, 600_000),
    blendWeight: unitIntervalVar(env, 'BLEND_PERSONALIZE_WEIGHT', 0.5),
    filters: {
      unseenArn: filterArnVar(env, 'PERSONALIZE_FILTER_UNSEEN_ARN'),
      categoryArn: filterArnVar(env, 'PERSONALIZE_FILTER_CATEGORY_ARN'),
      unseenCategoryArn: filterArnVar(env, 'PERSONALIZE_FILTER_UNSEEN_CATEGORY_ARN'),
      categoryParameter: placeholderVar(env, 'PERSONALIZE_FILTER_CATEGORY_PARAMETER', 'GENRES'),
    },
    promotion: promotionConfig(env),
    trackingId,
  };
}

function authConfig(env: Env): AuthConfig {
  const userPoolId = env['COGNITO_USER_POOL_ID'] || undefined;
  if (userPoolId !== undefined && !/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
    throw new ConfigError('COGNITO_USER_POOL_ID', `must be a user pool id like us-east-1_AbC123, got "${userPoolId}"`);
  }
  const clientId = env['COGNITO_CLIENT_ID'] || undefined;
  if (clientId !== undefined && !/^[\w+]{1,128}$/.test(clientId)) throw new ConfigError('COGNITO_CLIENT_ID', `must be an app client id, got "${clientId}"`);
  if ((userPoolId === undefined) !== (clientId === undefined)) {
    throw new ConfigError(userPoolId === undefined ? 'COGNITO_USER_POOL_ID' : 'COGNITO_CLIENT_ID', 'COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID are set together');
  }
  const issuer = urlVar(env, 'COGNITO_ISSUER');
  const endpoint = urlVar(env, 'COGNITO_ENDPOINT');
  return {
    userPoolId,
    clientId,
    region: stringVar(env, 'COGNITO_REGION', userPoolId?.split('_')[0] ?? stringVar(env, 'AWS_REGION', 'us-east-1')),
    issuer,
    endpoint,
    allowAnonymous: boolVar(env, 'AUTH_ALLOW_ANONYMOUS', false),
    timeoutMs: intVar(env, 'COGNITO_TIMEOUT_MS', 1500, 50, 30_000),
  };
}

function redisUrlVar(env: Env): string | undefined {
  const value = env['REDIS_URL'] || undefined;
  if (value !== undefined && !/^rediss?:\/\/[^\s]+$/.test(value)) throw new ConfigError('REDIS_URL', `must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

function urlVar(env: Env, name: string): string | undefined {
  const value = env[name] || undefined;
  if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) throw new ConfigError(name, `must be an http(s) URL, got "${value}"`);
  return value;
}

function filterArnVar(env: Env, name: string): string | undefined {
  const arn = env[name] || undefined;
  if (arn !== undefined && !/^arn:[a-z\d-]+:personalize:[^:]*:[^:]*:filter\/.+$/.test(arn)) {
    throw new ConfigError(name, `must be a Personalize filter ARN, got "${arn}"`);
  }
  return arn;
}

function placeholderVar(env: Env, name: string, fallback: string): string {
  const value = stringVar(env, name, fallback);
  if (!/^[A-Za-z_][A-Za-z\d_]{0,49}$/.test(value)) throw new ConfigError(name, `must be a filter placeholder name (letters, digits, "_"), got "${value}"`);
  return value;
}

function promotionConfig(env: Env): PersonalizePromotion | undefined {
  const filterArn = filterArnVar(env, 'PERSONALIZE_PROMOTION_FILTER_ARN');
  const rawValues = env['PERSONALIZE_PROMOTION_FILTER_VALUES'] || undefined;
  if (filterArn === undefined) {
    if (rawValues !== undefined) throw new ConfigError('PERSONALIZE_PROMOTION_FILTER_VALUES', 'is only used with PERSONALIZE_PROMOTION_FILTER_ARN');
    return undefined;
  }
  const name = stringVar(env, 'PERSONALIZE_PROMOTION_NAME', 'promoted');
  if (!/^[A-Za-z\d][A-Za-z\d_-]{0,62}$/.test(name)) throw new ConfigError('PERSONALIZE_PROMOTION_NAME', `must be 1 to 63 letters, digits, "_" or "-", got "${name}"`);
  return { name, filterArn, percent: intVar(env, 'PERSONALIZE_PROMOTION_PERCENT', 10, 1, 100), filterValues: filterValuesVar('PERSONALIZE_PROMOTION_FILTER_VALUES', rawValues) };
}

/** A JSON object of placeholder → value, as GetRecommendations' filterValues takes it. */
function filterValuesVar(name: string, raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, `must be a JSON object, got "${raw}"`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(name, `must be a JSON object, got "${raw}"`);
  const entries = Object.entries(parsed);
  if (entries.length > 25) throw new ConfigError(name, `holds ${entries.length} placeholders; Personalize takes at most 25`);
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || value.length > 1000) throw new ConfigError(name, `"${key}" must be a string of at most 1000 characters`);
  }
  return parsed as Record<string, string>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
