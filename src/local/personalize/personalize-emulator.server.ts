import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../loopback-server';
import type { ScoredItem, UserKnnModel } from './user-knn.model';

/** What a campaign (or recommender) ARN serves, as the recipe behind it would. */
export type CampaignKind = 'user-personalization' | 'sims' | 'personalized-ranking';

/** A filter ARN's meaning: leave out what the user interacted with, and/or keep items of the categories passed in filterValues. */
export interface EmulatorFilter {
  readonly excludeSeen: boolean;
  /** The filterValues key that carries categories, e.g. GENRES → `"\"Horror\",\"Comedy\""`. */
  readonly categoryParameter?: string;
}

/** Switched on per test through `POST [/sandbox/<id>]/_emulator/faults`, since tests run in other processes than the emulator. */
export interface Faults {
  readonly latencyMs: number;
  readonly throttle: boolean;
  readonly serverError: boolean;
  readonly resetConnection: boolean;
}

/** What `GET [/sandbox/<id>]/_emulator/status` answers: the faults, the calls so far and the last call's body. */
export interface SandboxState {
  faults: Faults;
  calls: number;
  lastRequest: { readonly path: string; readonly body: Record<string, unknown> } | null;
  /** The eventIds PutEvents accepted, in order (a test counts how often each arrived); the newest 10,000. */
  receivedEventIds: string[];
}

export const NO_FAULTS: Faults = { latencyMs: 0, throttle: false, serverError: false, resetConnection: false };

export interface PersonalizeEmulatorOptions {
  readonly model: UserKnnModel;
  readonly campaigns: Readonly<Record<string, CampaignKind>>;
  readonly filters?: Readonly<Record<string, EmulatorFilter>>;
  readonly trackingIds?: readonly string[];
  readonly port?: number;
}

export interface PersonalizeEmulator {
  readonly endpoint: string;
  close(): Promise<void>;
}

const ARN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;
const CONTEXT_KEY = /^[A-Za-z\d_]+$/;
const MAX_BODY = 1_000_000;
const MAX_REMEMBERED_EVENT_IDS = 10_000;

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string): ServiceError => new ServiceError(400, 'InvalidInputException', message);

/**
 * A local Amazon Personalize runtime and events endpoint: the REST-JSON that the AWS SDK
 * clients speak (`POST /recommendations`, `/personalize-ranking`, `/events`), the service's
 * validation and limits, and its error shape (HTTP status, `x-amzn-ErrorType`, `{"message"}`).
 */
export async function startPersonalizeEmulator(options: PersonalizeEmulatorOptions): Promise<PersonalizeEmulator> {
  // Faults and call counts per sandbox: a client whose endpoint ends in /sandbox/<id> (the SDK
  // keeps an endpoint's path) has its own, so tests sharing one emulator do not disturb each other.
  const sandboxes = new Map<string, SandboxState>();
  const sandbox = (id: string): SandboxState => {
    let state = sandboxes.get(id);
    if (!state) sandboxes.set(id, (state = { faults: NO_FAULTS, calls: 0, lastRequest: null, receivedEventIds: [] }));
    return state;
  };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const failure = error instanceof ServiceError ? error : new ServiceError(500, 'InternalServerError', 'internal error');
      if (!response.headersSent) send(response, failure.status, { message: failure.message }, failure.type);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readJson(request);
    const scoped = /^\/sandbox\/([\w-]{1,64})(\/.*)$/.exec(request.url ?? '');
    const state = sandbox(scoped?.[1] ?? '');
    const url = scoped?.[2] ?? request.url;
    if (url === '/_emulator/faults' && request.method === 'POST') {
      state.faults = { ...NO_FAULTS, ...(body as Partial<Faults>) };
      return send(response, 200, state);
    }
    if (url === '/_emulator/status' && request.method === 'GET') return send(response, 200, state);
    state.calls++;
    state.lastRequest = { path: url ?? '', body };
    const { faults } = state;
    if (faults.resetConnection) {
      request.socket.destroy();
      return;
    }
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.throttle) throw new ServiceError(400, 'ThrottlingException', 'Rate exceeded');
    if (faults.serverError) throw new ServiceError(500, 'InternalServerError', 'The service is unavailable');
    if (request.method !== 'POST') throw new ServiceError(404, 'UnknownOperationException', `no operation at ${request.method} ${url}`);
    switch (url) {
      case '/recommendations':
        return send(response, 200, getRecommendations(body));
      case '/personalize-ranking':
        return send(response, 200, getPersonalizedRanking(body));
      case '/events':
        putEvents(body);
        for (const event of body['eventList'] as Record<string, unknown>[]) if (typeof event['eventId'] === 'string') state.receivedEventIds.push(event['eventId']);
        // A long-running npm start takes events for hours: only the newest are kept.
        if (state.receivedEventIds.length > MAX_REMEMBERED_EVENT_IDS) state.receivedEventIds.splice(0, state.receivedEventIds.length - MAX_REMEMBERED_EVENT_IDS);
        return send(response, 200, {});
      default:
        throw new ServiceError(404, 'UnknownOperationException', `no operation at POST ${url}`);
    }
  }

  function getRecommendations(body: Record<string, unknown>): object {
    const campaignArn = optionalString(body, 'campaignArn');
    const recommenderArn = optionalString(body, 'recommenderArn');
    if ((campaignArn === undefined) === (recommenderArn === undefined)) throw invalid('Provide exactly one of campaignArn and recommenderArn');
    const kind = campaignKind((campaignArn ?? recommenderArn) as string);
    const numResults = body['numResults'] === undefined ? 25 : body['numResults'];
    if (typeof numResults !== 'number' || !Number.isInteger(numResults) || numResults < 1 || numResults > 500) {
      throw invalid(`numResults must be between 1 and 500, got ${JSON.stringify(numResults)}`);
    }
    validateContext(body['context']);
    const filterValues = validateFilterValues(body['filterValues']);
    const userId = optionalId(body, 'userId');
    const itemId = optionalId(body, 'itemId');
    let ranked: ScoredItem[];
    let reason: string[] | undefined;
    if (kind === 'sims') {
      if (!itemId) throw invalid('itemId is required for a related-items campaign');
      ranked = options.model.similarTo(itemId);
    } else if (kind === 'user-personalization') {
      if (!userId) throw invalid('userId is required for a user-personalization campaign');
      const known = options.model.knows(userId);
      ranked = options.model.recommend(userId);
      if (!known) reason = ['Popular item'];
    } else {
      throw invalid('This campaign ranks items: call GetPersonalizedRanking');
    }
    const filterArn = optionalString(body, 'filterArn');
    ranked = applyFilter(ranked, filterArn, filterValues, userId);
    const promotion = validatePromotions(body['promotions'], kind);
    let itemList = ranked.slice(0, numResults).map((entry) => ({ itemId: entry.itemId, score: entry.score, ...(reason ? { reason } : {}) }));
    if (promotion && userId) {
      // Promoted items: the best-scored of those the promotion's filter selects (popular ones
      // where the user's neighbours say nothing), spread through the list, marked as such.
      const scored = new Set(ranked.map((entry) => entry.itemId));
      const candidates = applyFilter([...ranked, ...options.model.popular().filter((entry) => !scored.has(entry.itemId))], filterArn, filterValues, userId);
      const promoted = applyFilter(candidates, promotion.filterArn, promotion.filterValues, userId).slice(0, Math.floor((numResults * promotion.percent) / 100));
      const promotedIds = new Set(promoted.map((entry) => entry.itemId));
      const regular = itemList.filter((entry) => !promotedIds.has(entry.itemId)).slice(0, numResults - promoted.length);
      itemList = [...regular];
      promoted.forEach((entry, index) => {
        const position = Math.min(itemList.length, Math.round(((index + 0.5) * numResults) / promoted.length));
        itemList.splice(position, 0, { itemId: entry.itemId, score: entry.score, reason: ['Promoted item'] });
      });
    }
    return { itemList, recommendationId: `RID-${randomUUID()}` };
  }

  function validatePromotions(promotions: unknown, kind: CampaignKind): { filterArn: string; filterValues: Record<string, string>; percent: number } | undefined {
    if (promotions === undefined || promotions === null) return undefined;
    if (!Array.isArray(promotions) || promotions.length > 1) throw invalid('promotions holds at most 1 promotion');
    const promotion = promotions[0] as Record<string, unknown> | undefined;
    if (promotion === undefined) return undefined;
    if (kind !== 'user-personalization') throw invalid('Promotions are supported for user-personalization campaigns and recommenders only');
    const name = optionalString(promotion, 'name');
    if (!name || !/^[A-Za-z\d][A-Za-z\d_-]{0,62}$/.test(name)) throw invalid('promotion name must be 1 to 63 letters, digits, "_" or "-"');
    const percent = promotion['percentPromotedItems'];
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 1 || percent > 100) throw invalid(`percentPromotedItems must be between 1 and 100, got ${JSON.stringify(percent)}`);
    const filterArn = optionalString(promotion, 'filterArn');
    if (!filterArn) throw invalid('a promotion needs a filterArn');
    return { filterArn, filterValues: validateFilterValues(promotion['filterValues']), percent };
  }

  function getPersonalizedRanking(body: Record<string, unknown>): object {
    const campaignArn = optionalString(body, 'campaignArn');
    if (!campaignArn) throw invalid('campaignArn is required');
    if (campaignKind(campaignArn) !== 'personalized-ranking') throw invalid('This campaign does not rank items');
    const userId = optionalId(body, 'userId');
    if (!userId) throw invalid('userId is required');
    const inputList = body['inputList'];
    if (!Array.isArray(inputList) || inputList.length < 1 || inputList.length > 500 || inputList.some((id) => typeof id !== 'string' || id === '')) {
      throw invalid('inputList must hold 1 to 500 item ids');
    }
    validateContext(body['context']);
    const scores = new Map(options.model.recommend(userId).map((entry) => [entry.itemId, entry.score]));
    const ranked = [...new Set(inputList as string[])]
      .map((itemId) => ({ itemId, score: scores.get(itemId) ?? 0 }))
      .sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1));
    return { personalizedRanking: ranked, recommendationId: `RID-${randomUUID()}` };
  }

  function putEvents(body: Record<string, unknown>): void {
    const trackingId = optionalString(body, 'trackingId');
    if (!trackingId) throw invalid('trackingId is required');
    if (!(options.trackingIds ?? []).includes(trackingId)) throw new ServiceError(404, 'ResourceNotFoundException', `No event tracker with tracking id ${trackingId}`);
    const sessionId = optionalString(body, 'sessionId');
    if (!sessionId || sessionId.length > 256) throw invalid('sessionId must be 1 to 256 characters');
    const events = body['eventList'];
    if (!Array.isArray(events) || events.length < 1 || events.length > 10) throw invalid('eventList must hold 1 to 10 events');
    for (const event of events as Record<string, unknown>[]) {
      if (typeof event['eventType'] !== 'string' || event['eventType'] === '') throw invalid('eventType is required');
      if (typeof event['sentAt'] !== 'number') throw invalid('sentAt is required');
      const impression = event['impression'];
      if (impression !== undefined && (!Array.isArray(impression) || impression.length < 1 || impression.length > 25)) throw invalid('impression must hold 1 to 25 item ids');
    }
    const userId = optionalId(body, 'userId') ?? sessionId;
    for (const event of events as Record<string, unknown>[]) if (typeof event['itemId'] === 'string') options.model.add(userId, event['itemId']);
  }

  function campaignKind(arn: string): CampaignKind {
    if (arn.length > 256 || !ARN.test(arn)) throw invalid(`${arn} is not a valid ARN`);
    const kind = options.campaigns[arn];
    if (!kind) throw new ServiceError(404, 'ResourceNotFoundException', `Resource not found: ${arn}`);
    return kind;
  }

  function applyFilter(ranked: ScoredItem[], filterArn: string | undefined, values: Record<string, string>, userId: string | undefined): ScoredItem[] {
    if (filterArn === undefined) return ranked;
    if (!ARN.test(filterArn)) throw invalid(`${filterArn} is not a valid ARN`);
    const filter = options.filters?.[filterArn];
    if (!filter) throw new ServiceError(404, 'ResourceNotFoundException', `Resource not found: ${filterArn}`);
    const seen = filter.excludeSeen && userId ? options.model.seen(userId) : new Set<string>();
    const raw = filter.categoryParameter ? values[filter.categoryParameter] : undefined;
    const wanted = raw === undefined ? undefined : new Set([...raw.matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? ''));
    return ranked.filter((entry) => !seen.has(entry.itemId) && (!wanted || options.model.categoriesOf(entry.itemId).some((category) => wanted.has(category))));
  }

  return listenOnLoopback(server, options.port);
}

function send(response: ServerResponse, status: number, body: object, errorType?: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(errorType ? { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazonaws.personalize/` } : {}),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw invalid('request body too large');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new ServiceError(400, 'SerializationException', 'the request body is not a JSON object');
  }
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  return value;
}

function optionalId(body: Record<string, unknown>, name: string): string | undefined {
  const value = optionalString(body, name);
  if (value !== undefined && (value.length === 0 || value.length > 256)) throw invalid(`${name} must be 1 to 256 characters`);
  return value;
}

function validateContext(context: unknown): void {
  if (context === undefined || context === null) return;
  if (typeof context !== 'object' || Array.isArray(context)) throw invalid('context must be a map');
  const entries = Object.entries(context);
  if (entries.length > 150) throw invalid(`context holds ${entries.length} entries; at most 150`);
  for (const [key, value] of entries) {
    if (!CONTEXT_KEY.test(key) || key.length > 150) throw invalid(`context key "${key}" is not valid`);
    if (typeof value !== 'string' || value.length > 1000) throw invalid(`context value of "${key}" must be a string of at most 1000 characters`);
  }
}

function validateFilterValues(values: unknown): Record<string, string> {
  if (values === undefined || values === null) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw invalid('filterValues must be a map');
  const entries = Object.entries(values);
  if (entries.length > 25) throw invalid(`filterValues holds ${entries.length} entries; at most 25`);
  for (const [key, value] of entries) if (typeof value !== 'string') throw invalid(`filterValues "${key}" must be a string`);
  return values as Record<string, string>;
}
