import { leveledLog, type LogLine } from '../../../src/logger';
import { embeddedMetricLine } from '../../../src/observability/embedded-metric-format';
import { operationLogLine } from '../../../src/observability/operation-log';
import { OperationRecord } from '../../../src/observability/operation-record';

function recordWithLists(): OperationRecord {
  const record = new OperationRecord('req-1');
  record.viewer = 'u0001';
  record.operationType = 'query';
  record.operationName = 'Feed';
  record.noteList({ strategyRequested: 'PERSONALIZE', strategyServed: 'BASELINE', fallbackReason: 'TIMEOUT' }, 20);
  record.noteList({ strategyRequested: 'BLENDED', strategyServed: 'BLENDED', fallbackReason: undefined }, 10);
  return record;
}

describe('a request as a log line', () => {
  it('names the first list at the top and every list when there are several', () => {
    expect(operationLogLine(recordWithLists(), 200, 12.5)).toEqual({
      level: 'info',
      message: 'graphql request',
      requestId: 'req-1',
      viewer: 'u0001',
      operationName: 'Feed',
      operationType: 'query',
      status: 200,
      durationMs: 12.5,
      strategyRequested: 'PERSONALIZE',
      strategyServed: 'BASELINE',
      fallbackReason: 'TIMEOUT',
      lists: [
        { requested: 'PERSONALIZE', served: 'BASELINE', fallbackReason: 'TIMEOUT', items: 20 },
        { requested: 'BLENDED', served: 'BLENDED', fallbackReason: undefined, items: 10 },
      ],
    });
  });

  it('is a warning with its codes when the server failed', () => {
    const record = new OperationRecord('req-2');
    record.errorCodes.add('INTERNAL_SERVER_ERROR');
    expect(operationLogLine(record, 500, 3)).toMatchObject({ level: 'warn', status: 500, errorCodes: ['INTERNAL_SERVER_ERROR'] });
  });

  it('carries the embedded metric format on Lambda: values at the top, their names under _aws', () => {
    const record = recordWithLists();
    const line = embeddedMetricLine(operationLogLine(record, 503, 40), record, 503, 40, 1_700_000_000_000);
    expect(line).toMatchObject({ Service: 'graphql', StrategyServed: 'BASELINE', Latency: 40, Requests: 1, Fallbacks: 1, ServerErrors: 1, requestId: 'req-1' });
    expect(line['_aws']).toEqual({
      Timestamp: 1_700_000_000_000,
      CloudWatchMetrics: [
        {
          Namespace: 'recgate',
          Dimensions: [['Service'], ['Service', 'StrategyServed']],
          Metrics: [
            { Name: 'Latency', Unit: 'Milliseconds' },
            { Name: 'Requests', Unit: 'Count' },
            { Name: 'Fallbacks', Unit: 'Count' },
            { Name: 'ServerErrors', Unit: 'Count' },
          ],
        },
      ],
    });
  });
});

describe('leveled log', () => {
  it('drops lines below the level; a line without a level counts as info', () => {
    const lines: LogLine[] = [];
    const log = leveledLog((line) => lines.push(line), 'warn');
    log({ level: 'debug', message: 'a' });
    log({ level: 'info', message: 'b' });
    log({ message: 'c' });
    log({ level: 'warn', message: 'd' });
    log({ level: 'error', message: 'e' });
    expect(lines.map((line) => line['message'])).toEqual(['d', 'e']);
  });
});
