import type { FallbackReason, RecommendationList, Strategy } from '../domain/recommendation';

/** One list a request served: what was asked, what was served and why not what was asked. */
export interface ServedListNote {
  readonly requested: Strategy;
  readonly served: Strategy;
  readonly fallbackReason: FallbackReason | undefined;
  readonly items: number;
}

/**
 * What one GraphQL request did, filled in as it goes (the host: request id; authentication:
 * viewer; Apollo: operation and error codes; resolvers: the lists served) and turned into one
 * log line and its metrics when the response is sent.
 */
export class OperationRecord {
  readonly startedAt = process.hrtime.bigint();
  /** The viewer's user id, `anonymous`, or undefined while no token has been accepted. */
  viewer: string | undefined;
  operationName: string | undefined;
  operationType: string | undefined;
  readonly errorCodes = new Set<string>();
  readonly lists: ServedListNote[] = [];

  constructor(readonly requestId: string) {}

  noteList(list: Pick<RecommendationList, 'strategyRequested' | 'strategyServed' | 'fallbackReason'>, items: number): void {
    this.lists.push({ requested: list.strategyRequested, served: list.strategyServed, fallbackReason: list.fallbackReason, items });
  }

  /** Milliseconds since the record was made, to a tenth. */
  elapsedMs(): number {
    return Math.round(Number(process.hrtime.bigint() - this.startedAt) / 1e5) / 10;
  }
}
