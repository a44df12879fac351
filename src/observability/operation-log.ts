import type { LogLine } from '../logger';
import type { OperationRecord } from './operation-record';

/**
 * The one log line of a GraphQL request: request id, viewer, operation, status, duration,
 * error codes, and for recommendations the strategy asked for, the one served and the
 * fallback reason (of the first list; `lists` holds all when the request served several).
 */
export function operationLogLine(record: OperationRecord, status: number, durationMs: number): LogLine {
  const first = record.lists[0];
  return {
    level: status >= 500 ? 'warn' : 'info',
    message: 'graphql request',
    requestId: record.requestId,
    viewer: record.viewer,
    operationName: record.operationName,
    operationType: record.operationType,
    status,
    durationMs,
    ...(record.errorCodes.size > 0 ? { errorCodes: [...record.errorCodes] } : {}),
    ...(first ? { strategyRequested: first.requested, strategyServed: first.served, fallbackReason: first.fallbackReason ?? null } : {}),
    ...(record.lists.length > 1 ? { lists: record.lists } : {}),
  };
}
