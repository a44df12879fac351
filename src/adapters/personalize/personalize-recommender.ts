import { GetPersonalizedRankingCommand, GetRecommendationsCommand, type PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import type { PersonalizeFilters, PersonalizePromotion } from '../../config';
import type { FallbackReason } from '../../domain/recommendation';
import {
  PersonalizeUnavailableError,
  type PersonalizeList,
  type PersonalizeRanker,
  type PersonalizeRecommender,
  type PersonalizeRelatedItems,
  type PersonalizeRequest,
} from '../../ports/personalize.port';
import { CircuitBreaker, CircuitOpenError } from '../../support/circuit-breaker';
import { chooseFilter } from './personalize-filter.selection';

export interface PersonalizeRecommenderOptions {
  /** A campaign ARN (…:campaign/…) or a recommender ARN (…:recommender/…). */
  readonly arn: string;
  /** Whole-call budget, the one retry included. */
  readonly budgetMs: number;
}

export interface UserPersonalizationOptions extends PersonalizeRecommenderOptions {
  readonly filters: PersonalizeFilters;
  readonly promotion: PersonalizePromotion | undefined;
}

/**
 * GetRecommendations behind a time budget and a circuit breaker. Every failure becomes a
 * PersonalizeUnavailableError naming why, so the caller can serve the baseline and say so.
 */
export class AwsPersonalizeRecommender implements PersonalizeRecommender {
  constructor(
    private readonly client: PersonalizeRuntimeClient,
    private readonly options: UserPersonalizationOptions,
    private readonly breaker: CircuitBreaker,
  ) {}

  filtering(excludeSeen: boolean, categories: readonly string[]): { unseen: boolean; categories: boolean } {
    return chooseFilter(this.options.filters, excludeSeen, categories).covers;
  }

  async recommend(request: PersonalizeRequest): Promise<PersonalizeList> {
    const target = this.options.arn.includes(':recommender/') ? { recommenderArn: this.options.arn } : { campaignArn: this.options.arn };
    const promotion = this.options.promotion;
    const answer = await guardedCall(this.breaker, this.options.budgetMs, (abortSignal) =>
      this.client.send(
        new GetRecommendationsCommand({
          ...target,
          userId: request.userId,
          numResults: request.numResults,
          ...(Object.keys(request.context).length > 0 ? { context: { ...request.context } } : {}),
          ...chooseFilter(this.options.filters, request.excludeSeen, request.categories).parameters,
          ...(promotion
            ? {
                promotions: [
                  {
                    name: promotion.name,
                    percentPromotedItems: promotion.percent,
                    filterArn: promotion.filterArn,
                    ...(Object.keys(promotion.filterValues).length > 0 ? { filterValues: { ...promotion.filterValues } } : {}),
                  },
                ],
              }
            : {}),
        }),
        { abortSignal },
      ),
    );
    return listOf(answer.recommendationId, answer.itemList);
  }
}

/** GetRecommendations of a related-items (SIMS) campaign, behind the same budget and circuit rules. */
export class AwsPersonalizeRelatedItems implements PersonalizeRelatedItems {
  constructor(
    private readonly client: PersonalizeRuntimeClient,
    private readonly options: PersonalizeRecommenderOptions,
    private readonly breaker: CircuitBreaker,
  ) {}

  async related(itemId: string, numResults: number): Promise<PersonalizeList> {
    const answer = await guardedCall(this.breaker, this.options.budgetMs, (abortSignal) =>
      this.client.send(new GetRecommendationsCommand({ campaignArn: this.options.arn, itemId, numResults }), { abortSignal }),
    );
    return listOf(answer.recommendationId, answer.itemList);
  }
}

/** GetPersonalizedRanking behind the same budget and circuit rules. */
export class AwsPersonalizeRanker implements PersonalizeRanker {
  constructor(
    private readonly client: PersonalizeRuntimeClient,
    private readonly options: PersonalizeRecommenderOptions,
    private readonly breaker: CircuitBreaker,
  ) {}

  async rank(userId: string, itemIds: readonly string[], context: Readonly<Record<string, string>>): Promise<PersonalizeList> {
    const answer = await guardedCall(this.breaker, this.options.budgetMs, (abortSignal) =>
      this.client.send(
        new GetPersonalizedRankingCommand({
          campaignArn: this.options.arn,
          userId,
          inputList: [...itemIds],
          ...(Object.keys(context).length > 0 ? { context: { ...context } } : {}),
        }),
        { abortSignal },
      ),
    );
    return listOf(answer.recommendationId, answer.personalizedRanking);
  }
}

/**
 * One Personalize call within the whole-call budget, through the circuit breaker, every
 * failure turned into a PersonalizeUnavailableError naming why. Client errors (InvalidInput)
 * are our own mistakes, not Personalize's health: they do not count towards opening the circuit.
 */
export async function guardedCall<T>(breaker: CircuitBreaker, budgetMs: number, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await breaker.run(() => send(AbortSignal.timeout(budgetMs)), (error) => nameOf(error) !== 'InvalidInputException');
  } catch (error) {
    if (error instanceof CircuitOpenError) throw new PersonalizeUnavailableError('CIRCUIT_OPEN', error.message, { cause: error });
    throw new PersonalizeUnavailableError(reasonOf(error), `Personalize failed: ${nameOf(error)}: ${(error as Error).message}`, { cause: error });
  }
}

/** Personalize's answer as the port's list: items without an id are dropped, missing scores are 0. */
function listOf(recommendationId: string | undefined, items: readonly { itemId?: string; score?: number; reason?: string[] }[] | undefined): PersonalizeList {
  return {
    recommendationId: recommendationId ?? '',
    items: (items ?? []).flatMap((item) => (item.itemId ? [{ itemId: item.itemId, score: item.score ?? 0, reasons: item.reason ?? [] }] : [])),
  };
}

function nameOf(error: unknown): string {
  return (error as { name?: string }).name ?? 'Error';
}

/** What the client is told, from what went wrong. */
export function reasonOf(error: unknown): Exclude<FallbackReason, 'NOT_CONFIGURED' | 'CIRCUIT_OPEN'> {
  const name = nameOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === 'TimeoutError' || name === 'AbortError' || name === 'RequestTimeout') return 'TIMEOUT';
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || status === 429) return 'THROTTLED';
  if (name === 'ResourceNotFoundException' || name === 'InvalidInputException' || name === 'AccessDeniedException') return 'MISCONFIGURED';
  return 'UNAVAILABLE';
}
