import type { Log } from '../logger';
import { embeddedMetricLine } from './embedded-metric-format';
import type { GatewayMetrics } from './gateway-metrics';
import { operationLogLine } from './operation-log';
import type { OperationRecord } from './operation-record';

/** What a host does with a request's record once its response is sent (or its client is gone). */
export type FinishOperation = (record: OperationRecord, status: number) => void;

/** Standalone server: counted into /metrics, and one log line. */
export function standaloneRecorder(log: Log, metrics: GatewayMetrics): FinishOperation {
  return (record, status) => {
    const durationMs = record.elapsedMs();
    metrics.observe(record, status, durationMs);
    log(operationLogLine(record, status, durationMs));
  };
}

/** Lambda: the log line carries the metrics in CloudWatch's embedded metric format. */
export function lambdaRecorder(log: Log): FinishOperation {
  return (record, status) => {
    const durationMs = record.elapsedMs();
    log(embeddedMetricLine(operationLogLine(record, status, durationMs), record, status, durationMs));
  };
}
