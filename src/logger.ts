export type LogLine = Record<string, unknown>;
export type Log = (line: LogLine) => void;

/** Structured JSON lines on stderr, one per event; stdout stays free for what a person asked for. */
export const jsonLog: Log = (line) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};
