import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
import { clientErrorOf } from '../src/graphql/format-error';
import type { EventInput as ServiceEventInput, EventOutcome, EventRecordingService } from '../src/services/event-recording.service';
import { MAX_EVENTS_PER_BATCH } from '../src/services/event-recording.service';
import { EventInput, RecordClickInput, RecordImpressionInput, RecordInteractionInput } from '../schema/event.input';
import { BatchEventResultType, EventResultType } from '../schema/event-result.type';

@Resolver()
export class EventResolver {
  constructor(private readonly service: EventRecordingService) {}

  @Mutation(() => EventResultType, { description: 'Items of a served list were shown to the signed-in user. Idempotent on eventId.' })
  recordImpression(@Arg('input', () => RecordImpressionInput) input: RecordImpressionInput, @Ctx() context: RequestContext): Promise<EventResultType> {
    return this.record(context, { kind: 'IMPRESSION', ...common(input), recommendationId: input.recommendationId, itemIds: input.itemIds });
  }

  @Mutation(() => EventResultType, { description: 'The viewer tapped an item of a served list (an anonymous visitor: under its sessionId). Idempotent on eventId.' })
  recordClick(@Arg('input', () => RecordClickInput) input: RecordClickInput, @Ctx() context: RequestContext): Promise<EventResultType> {
    return this.record(context, { kind: 'CLICK', ...common(input), recommendationId: input.recommendationId, itemId: input.itemId });
  }

  @Mutation(() => EventResultType, { description: 'The viewer watched, viewed, liked, bought, rated … an item; their next list reflects it (an anonymous visitor: the next list of its sessionId). Idempotent on eventId.' })
  recordInteraction(@Arg('input', () => RecordInteractionInput) input: RecordInteractionInput, @Ctx() context: RequestContext): Promise<EventResultType> {
    return this.record(context, { kind: 'INTERACTION', ...common(input), recommendationId: input.recommendationId, itemId: input.itemId, type: input.type, value: input.value });
  }

  @Mutation(() => [BatchEventResultType], { description: `Up to ${MAX_EVENTS_PER_BATCH} events queued by a client (offline), each recorded and answered on its own, in order.` })
  async recordEvents(@Arg('events', () => [EventInput]) events: EventInput[], @Ctx() context: RequestContext): Promise<BatchEventResultType[]> {
    const outcomes = await this.service.recordAll(context.viewer.userId, events.map(serviceInputOf), (ids) => context.loaders.items.loadMany(ids));
    return outcomes.map((outcome, index) => ({ eventId: events[index]?.eventId ?? '', result: outcome instanceof Error ? null : resultOf(outcome), error: outcome instanceof Error ? errorOf(outcome) : null }));
  }

  private async record(context: RequestContext, input: ServiceEventInput): Promise<EventResultType> {
    return resultOf(await this.service.record(context.viewer.userId, input, (ids) => context.loaders.items.loadMany(ids)));
  }
}

function serviceInputOf(event: EventInput): ServiceEventInput {
  return { kind: event.kind, ...common(event), recommendationId: event.recommendationId, itemId: event.itemId, itemIds: event.itemIds, type: event.type, value: event.value };
}

function common(input: { eventId: string; occurredAt?: Date | null; sessionId?: string | null }): Pick<ServiceEventInput, 'eventId' | 'occurredAt' | 'sessionId'> {
  return { eventId: input.eventId, occurredAt: input.occurredAt ? input.occurredAt.getTime() : null, sessionId: input.sessionId ?? null };
}

function resultOf(outcome: EventOutcome): EventResultType {
  const attribution = outcome.attribution;
  return {
    eventId: outcome.eventId,
    kind: outcome.kind,
    duplicate: outcome.duplicate,
    forwarded: outcome.forwarded,
    attribution: attribution ? { recommendationId: attribution.recommendationId, strategy: attribution.strategy, rank: attribution.rank ?? null, source: attribution.source ?? null } : null,
  };
}

/** A batch entry's refusal, coded like the single mutations' errors; anything unexpected is rethrown (masked, logged). */
function errorOf(error: unknown): { code: string; message: string; argumentName: string | null } {
  const known = clientErrorOf(error);
  if (!known) throw error;
  const argumentName = known.extensions['argumentName'];
  return { code: known.extensions.code, message: known.message, argumentName: typeof argumentName === 'string' ? argumentName : null };
}
