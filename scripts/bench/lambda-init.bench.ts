import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { invokeBundle, loadHandler, packageLambda } from './support/lambda-bundle';

/**
 * The Lambdas' cold start, locally: `npm run package`, then in fresh Node processes the GraphQL
 * bundle's init (module load, config, clients, schema build) and a first request that needs
 * no dependency (`{ __typename }` with anonymous access on, so no token check or storage call);
 * then every function's zip, bundle and init (require alone) as a table.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const runs = Number(values.runs);
  const directory = await mkdtemp(path.join(os.tmpdir(), 'recgate-lambda-'));
  try {
    const started = performance.now();
    const bundle = await packageLambda(directory);
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
    console.log(`npm run package: ${((performance.now() - started) / 1000).toFixed(1)} s; graphql.zip ${(bundle.zipBytes / 1e6).toFixed(2)} MB; lambda.js ${(bundle.handlerBytes / 1e6).toFixed(2)} MB unzipped`);
    const event = {
      version: '2.0',
      routeKey: 'POST /graphql',
      rawPath: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      requestContext: { http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: 'bench', routeKey: 'POST /graphql', stage: '$default', timeEpoch: Date.now() },
      body: JSON.stringify({ query: '{ __typename }' }),
      isBase64Encoded: false,
    };
    const env = { STORAGE: 'dynamodb', AWS_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'us-east-1_Bench0001', COGNITO_CLIENT_ID: 'benchclient', AUTH_ALLOW_ANONYMOUS: 'on', LOCAL_PERSONALIZE: 'off', NODE_ENV: 'production' };
    const inits: number[] = [];
    const firsts: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { result, initMs, invokeMs } = await invokeBundle(bundle, event, env);
      if (result.statusCode !== 200) throw new Error(`the bundle answered ${String(result.statusCode)}: ${String(result.body)}`);
      inits.push(initMs);
      firsts.push(invokeMs);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    console.log(`cold init (require of the bundle: module load + config + clients + schema), ${runs} fresh processes: median ${median(inits).toFixed(0)} ms, min ${Math.min(...inits).toFixed(0)}, max ${Math.max(...inits).toFixed(0)}`);
    console.log(`first request ({ __typename }, Apollo start included): median ${median(firsts).toFixed(0)} ms, min ${Math.min(...firsts).toFixed(0)}, max ${Math.max(...firsts).toFixed(0)}`);
    console.log('| function | zip (KB) | handler bundle (KB) | cold init, median of fresh processes (ms) |');
    console.log('|---|---|---|---|');
    for (const fn of bundle.functions) {
      const loads: number[] = [];
      for (let run = 0; run < runs; run++) loads.push(await loadHandler(fn.handler, { ...env, WEBSOCKET_MANAGEMENT_ENDPOINT: 'https://bench.execute-api.us-east-1.amazonaws.com/ci' }));
      console.log(`| ${fn.name} | ${Math.round(fn.zipBytes / 1024)} | ${Math.round(fn.handlerBytes / 1024)} | ${median(loads).toFixed(0)} |`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:lambda-init: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
