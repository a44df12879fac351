import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROJECT_ROOT = path.join(__dirname, '../../..');

export interface LambdaBundle {
  /** The zip `serverless package` made for the GraphQL function, and its size. */
  readonly zip: string;
  readonly zipBytes: number;
  /** Where it was unzipped; the handler is `src/entry/lambda.js` in it. */
  readonly directory: string;
  readonly handlerBytes: number;
  /** Every function's zip and its handler's bundle, unzipped beside the GraphQL one (`<into>/<function>`). */
  readonly functions: readonly { readonly name: string; readonly zipBytes: number; readonly handler: string; readonly handlerBytes: number }[];
}

/** The functions serverless.yml packages, with their handler files. */
const FUNCTIONS = [
  { name: 'graphql', handler: 'src/entry/lambda.js' },
  { name: 'train', handler: 'src/entry/training.lambda.js' },
  { name: 'replay', handler: 'src/entry/replay.lambda.js' },
  { name: 'websocket', handler: 'src/entry/websocket.lambda.js' },
  { name: 'websocketAuthorizer', handler: 'src/entry/websocket-authorizer.lambda.js' },
] as const;

/**
 * `npm run package` into `<into>/package` (no AWS credentials needed), then the GraphQL
 * function's zip unzipped into `<into>/graphql`, as Lambda would lay it out.
 */
export async function packageLambda(into: string): Promise<LambdaBundle> {
  const packageDir = path.join(into, 'package');
  await run('npm', ['run', '-s', 'package', '--', '--package', packageDir], { cwd: PROJECT_ROOT, timeout: 150_000, env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' } });
  const zip = path.join(packageDir, 'graphql.zip');
  const directory = path.join(into, 'graphql');
  const functions = [];
  for (const fn of FUNCTIONS) {
    const fnZip = path.join(packageDir, `${fn.name}.zip`);
    const fnDirectory = path.join(into, fn.name);
    await run('unzip', ['-q', '-o', fnZip, '-d', fnDirectory], { timeout: 30_000 });
    const handler = path.join(fnDirectory, fn.handler);
    functions.push({ name: fn.name, zipBytes: (await stat(fnZip)).size, handler, handlerBytes: (await stat(handler)).size });
  }
  return { zip, zipBytes: (await stat(zip)).size, directory, handlerBytes: (await stat(path.join(directory, 'src/entry/lambda.js'))).size, functions };
}

export interface BundleInvocation {
  /** The handler's answer (an API Gateway v2 result). */
  readonly result: { statusCode?: number; headers?: Record<string, string>; body?: string };
  /** Module load, config, clients and schema build: what a cold start pays before the first request. */
  readonly initMs: number;
  readonly invokeMs: number;
}

/** Loads a handler file in a fresh Node process with `env`, as a cold start does, without invoking it: the init alone, in ms. */
export async function loadHandler(handler: string, env: NodeJS.ProcessEnv): Promise<number> {
  const runner = `const started = performance.now(); require(${JSON.stringify(handler)}); process.stdout.write(String(performance.now() - started)); process.exit(0);`;
  const { stdout } = await run(process.execPath, ['-e', runner], { cwd: path.dirname(handler), timeout: 60_000, env: { PATH: process.env['PATH'], ...env } });
  return Number(stdout);
}

/** Loads the bundle in a fresh Node process with `env` (and PATH), as a Lambda cold start does, and invokes it once with `event`. */
export async function invokeBundle(bundle: LambdaBundle, event: unknown, env: NodeJS.ProcessEnv): Promise<BundleInvocation> {
  const runner = `
    const started = performance.now();
    const { handler } = require(${JSON.stringify(path.join(bundle.directory, 'src/entry/lambda.js'))});
    const loaded = performance.now();
    const context = { awsRequestId: 'local', functionName: 'recgate-graphql', getRemainingTimeInMillis: () => 30000 };
    handler(JSON.parse(process.env.RECGATE_EVENT), context, () => undefined).then((result) => {
      process.stdout.write(JSON.stringify({ result, initMs: loaded - started, invokeMs: performance.now() - loaded }));
      process.exit(0);
    }, (error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', runner], { cwd: bundle.directory, timeout: 60_000, env: { PATH: process.env['PATH'], ...env, RECGATE_EVENT: JSON.stringify(event) } });
  return JSON.parse(stdout) as BundleInvocation;
}
