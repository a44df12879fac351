import type autocannon from 'autocannon';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { graphqlLoad, typenameLoad } from './support/graphql-load';
import { startBenchGateway } from './support/start-gateway';

/**
 * Mixed client traffic against `npm start`'s gateway (embedded dynalite on disk, local
 * Personalize, cognito-local tokens for 300 users): 70 % recommendations (AUTO, 20 items,
 * explained), 20 % item pages (an item with 5 similar items), 10 % recorded views, at 50
 * connections — with Personalize healthy, failing (5xx) and slow (5 s against the 250 ms
 * budget). Each run is printed next to the same server's `{ __typename }` throughput, and with
 * the server's own counters for the run (lists by strategy served, fallbacks by reason).
 *
 *   npm run bench:mixed -- [--seconds 60] [--connections 50] [--cpu-prof DIR]
 *
 * --cpu-prof writes the gateway's CPU profile (a .cpuprofile for Chrome DevTools) into DIR.
 */
const RECOMMEND = 'query Feed { recommendations(input: { limit: 20 }) { id strategyServed fallbackReason items { rank item { id title } explanations { text } } } }';
const ITEM = 'query ItemPage($id: ID!) { item(id: $id) { id title categories similar(first: 5) { item { id title } } } }';
const RECORD = 'mutation Record($input: RecordInteractionInput!) { recordInteraction(input: $input) { eventId duplicate } }';

interface RunFigures {
  readonly result: autocannon.Result;
  readonly graphqlErrors: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '50' }, 'cpu-prof': { type: 'string' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const profile = values['cpu-prof'];
  const gateway = await startBenchGateway(profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profile}`] } : {});
  try {
    const personalize = /local Personalize on (http:\/\/\S+),/.exec(gateway.startOutput)?.[1] ?? '';
    const faults = (body: object) => fetch(`${personalize}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) });
    const tokens = [...(await gateway.signInDemoUsers(300)).values()];
    const metricsUrl = gateway.url.replace('/graphql', '/metrics');
    const counters = async (): Promise<Map<string, number>> => {
      const text = await (await fetch(metricsUrl)).text();
      const values = new Map<string, number>();
      for (const line of text.split('\n')) {
        const match = /^(recgate_recommendation_(?:lists|fallbacks)_total\{[^}]*\}) (\d+)$/.exec(line);
        if (match?.[1] && match[2]) values.set(match[1], Number(match[2]));
      }
      return values;
    };
    let sequence = 0;
    const run = `mixed-${Date.now()}`;

    const mixed = async (duration: number): Promise<RunFigures> => {
      let graphqlErrors = 0;
      const result = await graphqlLoad({
        url: gateway.url,
        connections,
        duration,
        next: () => {
          const n = sequence++;
          const slot = n % 10;
          const item = `i${String(((n * 13) % 400) + 1).padStart(4, '0')}`;
          const body =
            slot < 7
              ? { query: RECOMMEND }
              : slot < 9
                ? { query: ITEM, variables: { id: item } }
                : { query: RECORD, variables: { input: { eventId: `${run}-${n}`, itemId: item, type: 'VIEW' } } };
          return { token: tokens[(n * 7) % tokens.length] ?? '', body };
        },
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors++;
        },
      });
      return { result, graphqlErrors };
    };

    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; gateway (with dynalite, the local Personalize and cognito-local) and load generator share them`);
    console.log(`load: ${connections} connections, ${seconds} s per run after a 5 s warm-up; 70 % recommendations, 20 % item pages, 10 % recorded views; 300 signed-in users`);
    await typenameLoad(gateway.url, tokens, connections, 5);
    const reference = await typenameLoad(gateway.url, tokens, connections, 10);
    const referenceRps = reference.requests.average;
    console.log(`reference: { __typename } ${Math.round(referenceRps)} requests/s (p50 ${reference.latency.p50} ms, p99 ${reference.latency.p99} ms), non-2xx ${reference.non2xx}`);
    console.log('');
    console.log('| Personalize | requests/s | ratio to { __typename } | p50 (ms) | p99 (ms) | non-2xx | GraphQL errors | lists served (by strategy) | fallbacks (by reason) |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const scenarios: [string, object][] = [
      ['healthy', {}],
      ['failing (5xx)', { serverError: true }],
      ['slow (5 s)', { latencyMs: 5000 }],
    ];
    for (const [health, fault] of scenarios) {
      await faults(fault);
      await mixed(5);
      const before = await counters();
      const { result, graphqlErrors } = await mixed(seconds);
      const after = await counters();
      const delta = (prefix: string) =>
        [...after.entries()]
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, value]) => [/\{(.*)\}/.exec(key)?.[1] ?? key, value - (before.get(key) ?? 0)] as const)
          .filter(([, value]) => value > 0)
          .map(([labels, value]) => `${labels.replace(/"/g, '')}: ${value}`)
          .join('; ');
      const rps = result.requests.average;
      console.log(
        `| ${health} | ${Math.round(rps)} | ${(rps / referenceRps).toFixed(3)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${graphqlErrors} | ${delta('recgate_recommendation_lists_total') || '–'} | ${delta('recgate_recommendation_fallbacks_total') || 'none'} |`,
      );
    }
    await faults({});
  } finally {
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:mixed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
