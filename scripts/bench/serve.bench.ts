import autocannon from 'autocannon';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startExternalDynalite } from './support/external-dynalite';
import { startBenchGateway } from './support/start-gateway';

/**
 * Serves `npm start`'s gateway (embedded dynalite on disk, demo data, trained baseline) in a
 * child process and measures it with autocannon from this one: `{ __typename }` (the
 * server's own floor, its token check included) and the baseline's
 * `recommendations(limit: 20)` for users cycling through the 300 demo users, each with its
 * own access token. Prints p50/p99 latency and throughput, and each as a ratio to
 * `{ __typename }`.
 *
 * With `--storage external` dynalite runs in a process of its own, and the gateway process's
 * CPU per request (from /proc) is the gateway's alone; it is printed in both modes.
 *
 * With `--rounds N` the two queries take turns N times (`--seconds` each turn, one warm-up
 * before): the machine's drift then falls on both alike, and the median of the rounds' ratios is
 * printed with their range.
 *
 *   npm run bench:serve -- [--connections 10] [--seconds 20] [--rounds 1] [--storage in-process|external] [--profile DIR]
 */
interface Result {
  readonly name: string;
  /** The gateway process's CPU per request over the measured run, ms. */
  readonly cpuPerRequestMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requests: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { connections: { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' }, storage: { type: 'string', default: 'in-process' }, profile: { type: 'string' } } });
  const connections = Number(values.connections ?? 10);
  const seconds = Number(values.seconds ?? 20);
  const rounds = Number(values.rounds ?? 1);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error(`--rounds is a whole number from 1 to 50, got "${values.rounds}"`);
  if (values.storage !== 'in-process' && values.storage !== 'external') throw new Error(`--storage is in-process or external, got "${values.storage}"`);
  // External: dynalite in a process of its own, so the gateway's CPU is the gateway's alone.
  const dynalite = values.storage === 'external' ? await startExternalDynalite() : undefined;
  const gateway = await startBenchGateway({
    ...(dynalite ? { env: { STORAGE: 'dynamodb', DYNAMODB_ENDPOINT: dynalite.endpoint } } : {}),
    // --profile DIR: a V8 CPU profile of the gateway process, written when it stops.
    ...(values.profile ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', values.profile] } : {}),
  });
  try {
    const url = gateway.url;
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; server and load generator share them`);
    console.log(`server: ${url} (${dynalite ? `dynalite in its own process, ${dynalite.endpoint}` : 'embedded dynalite on disk, in the server process'}; demo data: 400 items, 300 users); ${connections} connections, ${seconds} s each${rounds > 1 ? `, ${rounds} rounds taking turns` : ''}, after a 5 s warm-up of each\n`);

    // Every request carries an access token (verified on each): the floor includes the check.
    const tokens = [...(await gateway.signInDemoUsers(300)).values()];
    let user = 0;
    const nextToken = (): string => tokens[user++ % tokens.length] ?? '';
    const queries = [
      { name: '{ __typename }', body: () => ({ query: '{ __typename }' }) },
      {
        name: 'recommendations(BASELINE, limit: 20)',
        body: () => ({ query: '{ recommendations(input: {strategy: BASELINE, limit: 20}) { id items { rank score item { id title } explanations { kind text } } } }' }),
      },
    ] as const;
    for (const query of queries) await load(url, connections, 5, query.body, nextToken);
    const perRound: { floor: Result; list: Result }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const floor = await measure(queries[0].name, url, connections, seconds, queries[0].body, nextToken, gateway.cpuMs);
      const list = await measure(queries[1].name, url, connections, seconds, queries[1].body, nextToken, gateway.cpuMs);
      perRound.push({ floor, list });
    }
    console.log(`| ${rounds > 1 ? 'round | ' : ''}query | p50 (ms) | p99 (ms) | requests/s | non-2xx | errors | requests | throughput vs { __typename } | p50 vs { __typename } | gateway CPU per request (ms) | CPU vs { __typename } |`);
    console.log(`|${rounds > 1 ? '---|' : ''}---|---|---|---|---|---|---|---|---|---|---|`);
    perRound.forEach(({ floor, list }, index) => {
      for (const result of [floor, list]) {
        console.log(
          `| ${rounds > 1 ? `${index + 1} | ` : ''}${result.name} | ${result.p50} | ${result.p99} | ${Math.round(result.rps)} | ${result.non2xx} | ${result.errors} | ${result.requests} | ${(result.rps / floor.rps).toFixed(3)} | ${(result.p50 / Math.max(floor.p50, 1)).toFixed(1)} | ${result.cpuPerRequestMs.toFixed(2)} | ${(result.cpuPerRequestMs / floor.cpuPerRequestMs).toFixed(1)} |`,
        );
      }
    });
    if (rounds > 1) {
      const cpu = perRound.map(({ floor, list }) => list.cpuPerRequestMs / floor.cpuPerRequestMs);
      const throughput = perRound.map(({ floor, list }) => list.rps / floor.rps);
      console.log(`\nmedian of ${rounds} rounds: list CPU ${median(cpu).toFixed(2)}× { __typename } (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}); throughput ${median(throughput).toFixed(3)} of { __typename } (${Math.min(...throughput).toFixed(3)}–${Math.max(...throughput).toFixed(3)})`);
    }
  } finally {
    await gateway.stop();
    await dynalite?.stop();
  }
}

async function measure(
  name: string,
  url: string,
  connections: number,
  seconds: number,
  body: () => object,
  nextToken: () => string,
  cpuMs: () => Promise<number>,
): Promise<Result> {
  const cpuBefore = await cpuMs();
  const result = await load(url, connections, seconds, body, nextToken);
  const cpu = (await cpuMs()) - cpuBefore;
  return {
    name,
    cpuPerRequestMs: cpu / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
  };
}

function load(url: string, connections: number, duration: number, body: () => object, nextToken: () => string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(body()),
          headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${nextToken()}` },
        }),
      },
    ],
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
