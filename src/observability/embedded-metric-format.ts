import type { LogLine } from '../logger';
import type { OperationRecord } from './operation-record';

export const METRIC_NAMESPACE = 'recgate';

/**
 * A request's log line in CloudWatch's embedded metric format: Lambda writes it to CloudWatch
 * Logs and CloudWatch extracts Latency (p99 and friends from the raw values), Requests,
 * Fallbacks and ServerErrors from it, per service and per strategy served. The line keeps all
 * its fields for Logs Insights.
 */
export function embeddedMetricLine(line: LogLine, record: OperationRecord, status: number, durationMs: number, now = Date.now()): LogLine {
  const first = record.lists[0];
  return {
    ...line,
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: METRIC_NAMESPACE,
          Dimensions: [['Service'], ['Service', 'StrategyServed']],
          Metrics: [
            { Name: 'Latency', Unit: 'Milliseconds' },
            { Name: 'Requests', Unit: 'Count' },
            { Name: 'Fallbacks', Unit: 'Count' },
            { Name: 'ServerErrors', Unit: 'Count' },
          ],
        },
      ],
    },
    Service: 'graphql',
    StrategyServed: first?.served ?? 'NONE',
    Latency: durationMs,
    Requests: 1,
    Fallbacks: record.lists.filter((list) => list.fallbackReason !== undefined).length,
    ServerErrors: status >= 500 ? 1 : 0,
  };
}
