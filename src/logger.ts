export type LogLine = Record<string, unknown>;
export type Log = (line: LogLine) => void;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured JSON lines on stderr, one per event; stdout stays free for what a person asked for. */
export const jsonLog: Log = (line) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

/** Drops lines below `minimum` (a line without a level counts as info). */
export function leveledLog(log: Log, minimum: LogLevel): Log {
  const floor = LOG_LEVELS.indexOf(minimum);
  return (line) => {
    const level = LOG_LEVELS.indexOf(line['level'] as LogLevel);
    if ((level < 0 ? 1 : level) >= floor) log(line);
  };
}
