import { CounterFamily, HistogramFamily } from './metric-families';
import type { OperationRecord, ServedListNote } from './operation-record';

/** Seconds; from a cached item read to a slow Personalize fallback. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The standalone server's request metrics, for GET /metrics: requests by operation type and
 * status, their latency, and for recommendation lists the strategy served and each fallback by
 * reason. An operator reads the fallback rate as fallbacks / lists and p99 from the histogram.
 */
export class GatewayMetrics {
  readonly requests = new CounterFamily('recgate_graphql_requests_total', 'GraphQL requests by operation type and HTTP status.');
  readonly latency = new HistogramFamily('recgate_graphql_request_duration_seconds', 'Time from request to response, by operation type.', LATENCY_BUCKETS);
  readonly lists = new CounterFamily('recgate_recommendation_lists_total', 'Recommendation lists served, by strategy requested and served.');
  readonly fallbacks = new CounterFamily('recgate_recommendation_fallbacks_total', 'Lists served by the baseline instead of the strategy asked for, by reason.');
  readonly listLatency = new HistogramFamily(
    'recgate_recommendation_request_duration_seconds',
    'Time of requests that served a recommendation list, by the strategy served (the first list of the request).',
    LATENCY_BUCKETS,
  );

  observe(record: OperationRecord, status: number, durationMs: number): void {
    const operation = record.operationType ?? 'none';
    const seconds = durationMs / 1000;
    this.requests.add({ operation, status: String(status) });
    this.latency.observe({ operation }, seconds);
    for (const list of record.lists) this.countList(list);
    const first = record.lists[0];
    if (first) this.listLatency.observe({ served: first.served }, seconds);
  }

  /** A list served outside an HTTP request (a live-feed push) counts like any other. */
  countList(list: Pick<ServedListNote, 'requested' | 'served' | 'fallbackReason'>): void {
    this.lists.add({ requested: list.requested, served: list.served });
    if (list.fallbackReason) this.fallbacks.add({ reason: list.fallbackReason });
  }

  render(): string[] {
    return [this.requests, this.latency, this.lists, this.fallbacks, this.listLatency].flatMap((family) => family.render());
  }
}
