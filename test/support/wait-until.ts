/** How often `until` checks its condition. */
const POLL_MS = 20;

/** Resolves once `condition` holds (checked now, then every POLL_MS); rejects naming the wait after `timeoutMs`. */
export function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const started = Date.now();
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`not within ${timeoutMs} ms`));
      }
    }, POLL_MS);
  });
}
