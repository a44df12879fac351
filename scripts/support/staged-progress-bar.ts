import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr that starts afresh whenever the stage changes (a file, a training
 * step). Without a terminal (CI, pipes) it prints a line every five seconds instead.
 */
export interface StagedProgressBar {
  update(stage: string, done: number, total: number, payload?: Record<string, string>): void;
  stop(): void;
}

export function stagedProgressBar(format: string): StagedProgressBar {
  const bar = new SingleBar({ format, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true });
  let current: string | undefined;
  return {
    update(stage, done, total, payload = {}) {
      const values = { stage, ...payload };
      if (current !== stage) {
        if (current !== undefined) bar.stop();
        current = stage;
        bar.start(Math.max(total, 1), done, values);
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, values);
      }
    },
    stop: () => bar.stop(),
  };
}
