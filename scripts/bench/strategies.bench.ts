import autocannon from 'autocannon';
import os from 'node:os';
import { startBenchGateway } from './support/start-gateway';

/**
 * `npm start`'s gateway with its local Personalize, measured with autocannon per strategy:
 * BASELINE, PERSONALIZE and BLENDED with Personalize healthy, slow (5 s, against a 250 ms
 * budget) and failing (5xx). 10 connections, 3 s warm-up, 10 s each; users cycle through the
 * 300 demo users. The circuit breaker is part of what is measured: a slow or failing
 * Personalize opens it after 5 failures, and the fallback then costs no wait.
 *
 *   npm run bench:strategies
 */
async function main(): Promise<void> {
  const gateway = await startBenchGateway();
  try {
    const output = gateway.startOutput;
    const url = gateway.url;
    const personalize = /local Personalize on (http:\/\/\S+),/.exec(output)?.[1] ?? '';
    const faults = (body: object) => fetch(`${personalize}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) });
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; gateway, local Personalize and load generator share them`);
    console.log('| strategy | Personalize | p50 (ms) | p99 (ms) | requests/s | non-2xx | served as (sample) |');
    console.log('|---|---|---|---|---|---|---|');
    const cases: [string, string, object][] = [
      ['BASELINE', 'healthy', {}],
      ['PERSONALIZE', 'healthy', {}],
      ['BLENDED', 'healthy', {}],
      ['PERSONALIZE', 'slow (5 s)', { latencyMs: 5000 }],
      ['BLENDED', 'slow (5 s)', { latencyMs: 5000 }],
      ['PERSONALIZE', 'failing (5xx)', { serverError: true }],
      ['BLENDED', 'failing (5xx)', { serverError: true }],
    ];
    const tokens = [...(await gateway.signInDemoUsers(300)).values()];
    const bearer = (n: number) => `Bearer ${tokens[n % tokens.length] ?? ''}`;
    for (const [strategy, health, fault] of cases) {
      await faults(fault);
      let user = 0;
      const query = JSON.stringify({ query: `{ recommendations(input: {strategy: ${strategy}, limit: 20}) { strategyServed fallbackReason items { rank item { id } explanations { text } } } }` });
      const run = (duration: number) =>
        autocannon({
          url,
          connections: 10,
          duration,
          method: 'POST',
          requests: [{ setupRequest: (request) => ({ ...request, body: query, headers: { 'content-type': 'application/json', authorization: bearer(user++) } }) }],
        });
      await run(3);
      const result = await run(10);
      const sample = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer(0) }, body: query })).json()) as {
        data?: { recommendations?: { strategyServed: string; fallbackReason: string | null } };
      };
      const served = sample.data?.recommendations;
      console.log(`| ${strategy} | ${health} | ${result.latency.p50} | ${result.latency.p99} | ${Math.round(result.requests.average)} | ${result.non2xx} | ${served?.strategyServed ?? '?'}${served?.fallbackReason ? ` (${served.fallbackReason})` : ''} |`);
    }
    await faults({});
  } finally {
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
