import { createPersonalizeEventsClient, createPersonalizeRuntimeClient } from '../adapters/personalize/personalize-client.factory';
import { AwsPersonalizeEventSink } from '../adapters/personalize/personalize-event-sink';
import { AwsPersonalizeRanker, AwsPersonalizeRecommender, AwsPersonalizeRelatedItems } from '../adapters/personalize/personalize-recommender';
import type { PersonalizeConfig } from '../config';
import { CircuitBreaker } from '../support/circuit-breaker';
import { isLoopback } from './storage.wiring';

export interface PersonalizeParts {
  readonly recommender: AwsPersonalizeRecommender | undefined;
  readonly ranker: AwsPersonalizeRanker | undefined;
  readonly related: AwsPersonalizeRelatedItems | undefined;
  readonly events: AwsPersonalizeEventSink | undefined;
  close(): void;
}

/** The Personalize adapters for what is configured: campaigns or recommenders, and an event tracker. */
export function personalizeParts(settings: PersonalizeConfig, clock?: () => number): PersonalizeParts | undefined {
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
