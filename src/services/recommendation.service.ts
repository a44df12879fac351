import { InvalidArgumentError, ModelNotTrainedError } from '../domain/errors';
import type { ItemId } from '../domain/item';
import type { Strategy } from '../domain/recommendation';
import type { User } from '../domain/user';
import type { ExperimentExposure } from '../domain/experiment';
import type { AnonymousSessionStore } from '../ports/anonymous-session-store.port';
import type { InteractionStore, RecentInteraction } from '../ports/interaction-store.port';
import { PersonalizeUnavailableError, type PersonalizeRanker, type PersonalizeRecommender } from '../ports/personalize.port';
import type { ModelReader } from '../ports/model-store.port';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import { BaselineRecommender } from '../recommenders/baseline.recommender';
import { chooseServed, resolveStrategy } from '../recommenders/fallback-order';
import { PersonalizeListRecommender } from '../recommenders/personalize.recommender';
import { DEFAULT_SESSION_WINDOW_MS, sessionLengthOf } from '../recommenders/current-session';
import { SEEN_WINDOW, SERVING_HISTORY_WINDOW } from '../recommenders/serving-limits';
import { ServedListAssembler, type RequestReaders, type ServedRecommendations } from './served-list.assembler';
import { checkedAnonymousSessionId, checkedBlendWeight, checkedContext, checkedFilterCategories, checkedItemIds, checkedLimit, checkedSessionId, checkedUserId } from './recommendation-request.validation';
import { rethrowFirstError } from '../support/batch-results';

/** Candidates ranked when a category filter will drop some after the items are read. */
const FILTERED_CANDIDATES = 300;

export interface RecommendationRequest {
  readonly strategy: Strategy;
  /** BLENDED: the weight of Personalize's list, 0–1 (the configured default when absent). */
  readonly personalizeWeight?: number | null;
  readonly limit: number | null | undefined;
  readonly categories: readonly string[] | null | undefined;
  readonly excludeSeen: boolean | null | undefined;
  readonly context: Readonly<Record<string, string>>;
  /** false: the list is computed but not stored (reports comparing strategies); stored by default. */
  readonly store?: boolean;
  /** The experiment variant this request serves, stored with the list. */
  readonly experiment?: ExperimentExposure;
  /** The client's current visit: the list follows its events (without an id: the events of the last SESSION_WINDOW_MINUTES). */
  readonly session?: { readonly sessionId?: string | null } | null;
}

export interface RecommendationPorts {
  readonly interactions: Pick<InteractionStore, 'recentInteractions'>;
  readonly models: ModelReader;
  readonly lists: RecommendationListStore;
  /** Absent when Personalize is not configured. */
  readonly personalize?: PersonalizeRecommender;
  /** A personalized-ranking campaign, for rankItems; absent when none is configured. */
  readonly ranker?: PersonalizeRanker;
  /** Anonymous visitors' sessions (AUTH_ALLOW_ANONYMOUS): an anonymous list with a sessionId follows its events. */
  readonly anonymousSessions?: Pick<AnonymousSessionStore, 'read'>;
}

export interface RankItemsRequest {
  readonly itemIds: readonly ItemId[];
  readonly strategy: Strategy;
  readonly personalizeWeight?: number | null;
  readonly context: Readonly<Record<string, string>>;
}

/** Below this many distinct items in their history, a user's stated interests steer the baseline's list. */
const COLD_START_HISTORY = 5;

export interface RecommendationOptions {
  /** BLENDED's default weight of Personalize's list. */
  readonly personalizeWeight: number;
  /** Without a session id, a list's session is the user's events of this long before now. */
  readonly sessionWindowMs?: number;
}

/**
 * Serves one recommendation list: reads the user's recent history, the model artefacts of
 * those items and the shared lists, ranks with the strategies (src/recommenders), reads the
 * items it will return, explains each one and stores the list under the id clients echo
 * back. Reads are three rounds whatever the limit: (history, profile, model pointer),
 * (artefacts), (items).
 */
export class RecommendationService {
  private readonly baseline: BaselineRecommender;
  private readonly personalize: PersonalizeListRecommender;
  private readonly assembler: ServedListAssembler;

  constructor(
    private readonly ports: RecommendationPorts,
    private readonly options: RecommendationOptions = { personalizeWeight: 0.5 },
    private readonly clock: () => number = Date.now,
  ) {
    this.baseline = new BaselineRecommender(ports.models);
    this.personalize = new PersonalizeListRecommender({ models: ports.models, ...(ports.personalize ? { recommender: ports.personalize } : {}), ...(ports.ranker ? { ranker: ports.ranker } : {}) });
    this.assembler = new ServedListAssembler(ports.lists, clock);
  }

  async recommend(userId: string | undefined, request: RecommendationRequest, readers: RequestReaders): Promise<ServedRecommendations> {
    checkedUserId(userId, 'input.userId');
    checkedContext(request.context);
    const limit = checkedLimit(request.limit);
    const categories = checkedFilterCategories(request.categories);
    const sessionId = this.sessionIdOf(userId, request.session?.sessionId);
    const excludeSeen = request.excludeSeen ?? true;

    const personalizeWeight = checkedBlendWeight(request.personalizeWeight, this.options.personalizeWeight);
    const strategy = resolveStrategy(request.strategy, this.personalize.serves.lists);
    // Personalize is asked at once, beside round 1; it only needs the user id.
    const personalized = strategy === 'PERSONALIZE' || strategy === 'BLENDED' ? this.personalize.recommend({ userId, limit, excludeSeen, categories, context: request.context }) : undefined;

    // Round 1: what the user did, who they are, which model serves.
    const [model, recent, user] = await Promise.all([
      this.ports.models.currentModel(),
      userId ? this.ports.interactions.recentInteractions(userId, SEEN_WINDOW) : this.anonymousHistory(sessionId),
      userId ? readers.user(userId) : Promise.resolve(null),
    ]);
    if (!model) throw new ModelNotTrainedError();
    const unknown = categories.filter((category) => !model.categories.includes(category));
    if (unknown.length > 0) {
      throw new InvalidArgumentError('filter.categories', `names categories the catalogue does not have: ${unknown.map((name) => `"${name}"`).join(', ')}`);
    }
    const history = distinctNewest(recent).slice(0, SERVING_HISTORY_WINDOW);
    const sessionLength = sessionLengthOf(history, this.clock(), this.options.sessionWindowMs ?? DEFAULT_SESSION_WINDOW_MS, sessionId);
    const interests = [...interestsOf(user?.attributes), ...(userId ? await this.profileInterests(userId, history.length, user, readers) : [])];
    const exclude = excludeSeen ? new Set(recent.map((entry) => entry.itemId)) : new Set<ItemId>();
    const answer = personalized ? await personalized : undefined;
    const personalizeServes = answer !== undefined && !(answer instanceof PersonalizeUnavailableError);
    // Personalize may propose what the user has seen (no filter configured): a list it leaves short is completed by the baseline's.
    const personalizeShort = personalizeServes && answer.items.filter((item) => !exclude.has(item.itemId)).length < limit;

    // Round 2: what each list needs — the similar items of what Personalize proposed (to say
    // which of the user's items each is like), the artefacts of the history and the shared lists.
    const [personalizeList, baselineList] = await Promise.all([
      personalizeServes ? this.personalize.ranked(answer, { modelVersion: model.version, exclude, history }) : Promise.resolve(undefined),
      strategy === 'PERSONALIZE' && personalizeServes && !personalizeShort
        ? Promise.resolve(undefined)
        : this.baseline.list(model, { userId, history, sessionLength, exclude, interests: [...categories, ...interests], limit: categories.length > 0 ? FILTERED_CANDIDATES : limit + 10, context: request.context }),
    ]);
    const { ranked, strategyServed, fallbackReason } = chooseServed(request.strategy, strategy, { personalize: personalizeList, baseline: baselineList, answer, limit }, personalizeWeight);

    const personalizeRecommendationId = personalizeServes && strategyServed !== 'BASELINE' ? answer.recommendationId || undefined : undefined;
    return this.assembler.assemble({ userId, request, strategyServed, fallbackReason, modelVersion: model.version, ranked, limit, categories, personalizeRecommendationId }, readers);
  }

  /**
   * Re-ranks the given items for the viewer: Personalize's personalized-ranking campaign when
   * one is configured (BLENDED fuses it with the baseline's order), the baseline's scores
   * otherwise or when Personalize falls back. The ranked list is stored like any served list.
   */
  async rankItems(userId: string | undefined, request: RankItemsRequest, readers: RequestReaders): Promise<ServedRecommendations> {
    checkedUserId(userId, 'input.userId');
    checkedContext(request.context);
    const itemIds = checkedItemIds(request.itemIds);
    const personalizeWeight = checkedBlendWeight(request.personalizeWeight, this.options.personalizeWeight);
    const strategy = resolveStrategy(request.strategy, this.personalize.serves.ranking);
    const ranking = strategy !== 'BASELINE' ? this.personalize.rank({ userId, context: request.context }, itemIds) : undefined;
    const [model, recent, known] = await Promise.all([
      this.ports.models.currentModel(),
      userId ? this.ports.interactions.recentInteractions(userId, SEEN_WINDOW) : Promise.resolve([]),
      readers.items(itemIds),
    ]);
    if (!model) throw new ModelNotTrainedError();
    const missing = itemIds.filter((_, index) => !rethrowFirstError(known)[index]);
    if (missing.length > 0) {
      throw new InvalidArgumentError('itemIds', `names items the catalogue does not have: ${missing.slice(0, 5).map((id) => `"${id}"`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
    }
    const history = distinctNewest(recent).slice(0, SERVING_HISTORY_WINDOW);
    const answer = ranking ? await ranking : undefined;
    const personalizeServes = answer !== undefined && !(answer instanceof PersonalizeUnavailableError);
    const [personalizeList, baselineList] = await Promise.all([
      personalizeServes ? this.personalize.ranked(answer, { modelVersion: model.version, exclude: new Set(), history }) : Promise.resolve(undefined),
      strategy === 'PERSONALIZE' && personalizeServes ? Promise.resolve(undefined) : this.baseline.scores(model, { userId, history, exclude: new Set(), interests: [], limit: itemIds.length, context: request.context }, itemIds),
    ]);
    const { ranked, strategyServed, fallbackReason } = chooseServed(request.strategy, strategy, { personalize: personalizeList, baseline: baselineList, answer }, personalizeWeight);
    const personalizeRecommendationId = personalizeServes && strategyServed !== 'BASELINE' ? answer.recommendationId || undefined : undefined;
    return this.assembler.assemble({ userId, request, strategyServed, fallbackReason, modelVersion: model.version, ranked, limit: itemIds.length, categories: [], personalizeRecommendationId }, readers);
  }

  /** A signed-in user's session id names a visit in their history; an anonymous visitor's, a session of its own (stricter: it must not be guessed). */
  private sessionIdOf(userId: string | undefined, requested: string | null | undefined): string | undefined {
    if (userId !== undefined || requested === null || requested === undefined) return checkedSessionId(requested, 'session.sessionId');
    return checkedAnonymousSessionId(requested, 'session.sessionId');
  }

  /** An anonymous visitor's history: the events of its session (none without one, or once forgotten). */
  private async anonymousHistory(sessionId: string | undefined): Promise<RecentInteraction[]> {
    if (sessionId === undefined || !this.ports.anonymousSessions) return [];
    const session = await this.ports.anonymousSessions.read(sessionId);
    return (session?.events ?? []).map((event) => ({ itemId: event.itemId, type: event.type, occurredAt: event.occurredAt, sessionId }));
  }

  /**
   * A cold-start user's interests from their identity-provider profile: read only for users
   * with little history and no interests stored with them, since the pool's read quota is
   * small and a history says more. A profile that cannot be read costs only this steer.
   */
  private async profileInterests(userId: string, historyLength: number, user: User | null, readers: RequestReaders): Promise<string[]> {
    if (!readers.profile || historyLength >= COLD_START_HISTORY || interestsOf(user?.attributes).length > 0) return [];
    const profile = await readers.profile(userId).catch(() => null);
    return interestsOf(profile ?? undefined);
  }
}

/** Newest first, each item once (its latest interaction). */
function distinctNewest<T extends { itemId: ItemId }>(recent: readonly T[]): T[] {
  const seen = new Set<ItemId>();
  return recent.filter((entry) => (seen.has(entry.itemId) ? false : (seen.add(entry.itemId), true)));
}

/** Stated interests from an attribute named "interests" or "custom:interests" (any case), separated by | or commas. */
function interestsOf(attributes: Readonly<Record<string, string>> | undefined): string[] {
  if (!attributes) return [];
  const [, value] = Object.entries(attributes).find(([key]) => /^(custom:)?interests$/i.test(key)) ?? [];
  return (value ?? '').split(/[|,]/).map((interest) => interest.trim()).filter(Boolean);
}
