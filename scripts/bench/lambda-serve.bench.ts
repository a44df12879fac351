import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startExternalDynalite } from './support/external-dynalite';
import { packageLambda } from './support/lambda-bundle';
import { startBenchGateway } from './support/start-gateway';

const run = promisify(execFile);

/**
 * The packaged GraphQL Lambda serving lists, locally: `npm run package`; dynalite in a
 * process of its own, given the demo data and a trained baseline by `npm start`'s gateway
 * (which then stops); then, in one fresh Node process as a Lambda container, the bundle's
 * init and `--invocations` API Gateway v2 events in a row — `{ __typename }`, then
 * `recommendations(BASELINE, limit: 20)` with items and explanations for users cycling through
 * the 300 demo users — each carrying the claims API Gateway's Cognito JWT authorizer passes.
 * Prints the cold init, the first invocation, and the warm invocations' duration p50/p99 and
 * CPU per invocation (process.cpuUsage), each as a ratio to `{ __typename }`.
 *
 *   npm run bench:lambda-serve -- [--invocations 2000]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { invocations: { type: 'string', default: '2000' } } });
  const invocations = Number(values.invocations);
  if (!Number.isInteger(invocations) || invocations < 10 || invocations > 100_000) throw new Error(`--invocations is a whole number from 10 to 100000, got "${values.invocations}"`);
  const directory = await mkdtemp(path.join(os.tmpdir(), 'recgate-lambda-serve-'));
  const dynalite = await startExternalDynalite();
  try {
    const bundle = await packageLambda(directory);
    // npm start's gateway writes the demo data and trains the baseline into the external dynalite, then stops.
    const gateway = await startBenchGateway({ env: { STORAGE: 'dynamodb', DYNAMODB_ENDPOINT: dynalite.endpoint } });
    await gateway.stop();
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; dynalite in its own process (${dynalite.endpoint}), demo data: 400 items, 300 users`);
    console.log(`graphql.zip ${(bundle.zipBytes / 1e6).toFixed(2)} MB (source map included); lambda.js ${(bundle.handlerBytes / 1e6).toFixed(2)} MB unzipped; ${invocations} warm invocations per query, one after another\n`);
    const env = {
      PATH: process.env['PATH'],
      STORAGE: 'dynamodb',
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      AWS_REGION: 'us-east-1',
      COGNITO_USER_POOL_ID: 'us-east-1_Bench0001',
      COGNITO_CLIENT_ID: 'benchclient',
      LOCAL_PERSONALIZE: 'off',
      NODE_ENV: 'production',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      RECGATE_INVOCATIONS: String(invocations),
    };
    const { stdout } = await run(process.execPath, ['-e', RUNNER, path.join(bundle.directory, 'src/entry/lambda.js')], { cwd: bundle.directory, timeout: 600_000, env, maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{') + 1)) as RunnerReport;
    const [floor, lists] = report.queries;
    if (!floor || !lists) throw new Error('the runner measured nothing');
    console.log(`cold init (require of the bundle: module load + config + clients + schema): ${report.initMs.toFixed(0)} ms; first invocation ({ __typename }, Apollo start included): ${report.firstMs.toFixed(0)} ms; first list: ${lists.firstMs.toFixed(0)} ms\n`);
    console.log('| query | warm p50 (ms) | warm p99 (ms) | CPU per invocation (ms) | p50 vs { __typename } | CPU vs { __typename } |');
    console.log('|---|---|---|---|---|---|');
    for (const query of report.queries) {
      console.log(`| ${query.name} | ${query.p50.toFixed(2)} | ${query.p99.toFixed(2)} | ${query.cpuMs.toFixed(2)} | ${(query.p50 / floor.p50).toFixed(1)} | ${(query.cpuMs / floor.cpuMs).toFixed(1)} |`);
    }
  } finally {
    await dynalite.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

interface RunnerReport {
  readonly initMs: number;
  readonly firstMs: number;
  readonly queries: readonly { readonly name: string; readonly firstMs: number; readonly p50: number; readonly p99: number; readonly cpuMs: number }[];
}

/** Runs in the fresh process: the handler file is argv[1]; prints one JSON report line. */
const RUNNER = `
const handlerFile = process.argv[1];
const invocations = Number(process.env.RECGATE_INVOCATIONS);
const started = performance.now();
const { handler } = require(handlerFile);
const initMs = performance.now() - started;
const context = { awsRequestId: 'bench', functionName: 'recgate-graphql', getRemainingTimeInMillis: () => 30000 };
let sequence = 0;
function event(query, n) {
  const sub = 'u' + String((n % 300) + 1).padStart(4, '0');
  const now = Math.floor(Date.now() / 1000);
  return {
    version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench-' + ++sequence, routeKey: 'POST /graphql', stage: '$default', timeEpoch: Date.now(),
      authorizer: { jwt: { claims: { sub, username: sub, token_use: 'access', client_id: 'benchclient', exp: now + 3600 }, scopes: null } },
    },
    body: JSON.stringify({ query }), isBase64Encoded: false,
  };
}
async function invoke(query, n) {
  const result = await handler(event(query, n), context, () => undefined);
  const body = JSON.parse(result.body);
  if (result.statusCode !== 200 || body.errors) throw new Error('the handler answered ' + result.statusCode + ': ' + result.body);
}
async function measure(name, query) {
  let t = performance.now();
  await invoke(query, 0);
  const firstMs = performance.now() - t;
  for (let n = 1; n <= Math.min(200, invocations); n++) await invoke(query, n);
  const durations = [];
  const cpu = process.cpuUsage();
  for (let n = 0; n < invocations; n++) {
    t = performance.now();
    await invoke(query, n);
    durations.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  durations.sort((a, b) => a - b);
  const at = (q) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
  return { name, firstMs, p50: at(0.5), p99: at(0.99), cpuMs: (used.user + used.system) / 1000 / invocations };
}
(async () => {
  const t = performance.now();
  await invoke('{ __typename }', 0);
  const firstMs = performance.now() - t;
  const queries = [
    await measure('{ __typename }', '{ __typename }'),
    await measure('recommendations(BASELINE, limit: 20)', '{ recommendations(input: {strategy: BASELINE, limit: 20}) { id items { rank score item { id title } explanations { kind text } } } }'),
  ];
  process.stdout.write('\\n' + JSON.stringify({ initMs, firstMs, queries }) + '\\n');
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

main().catch((error: unknown) => {
  console.error(`bench:lambda-serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
