import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCognitoClient } from '../../../src/adapters/cognito/cognito-client.factory';
import { CognitoUserPoolAdmin } from '../../../src/adapters/cognito/cognito-user-pool.admin';
import { readLocalUserPoolSettings } from '../../../src/local/cognito/local-user-pool.settings';

export interface BenchGateway {
  readonly url: string;
  /** Everything the gateway printed up to "listening" (where the local Personalize listens, say). */
  readonly startOutput: string;
  /** The gateway's data directory (its embedded DynamoDB announces itself there). */
  readonly dataDir: string;
  /**
   * Access tokens for the demo data's first `count` users (u0001 …): each is created in the
   * gateway's local user pool with that sub, then signed in, as a client app would.
   */
  signInDemoUsers(count: number): Promise<Map<string, string>>;
  /** CPU the gateway's process has used so far (user + system), in ms, from /proc. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const BENCH_PASSWORD = 'Recgate-bench-1';

/** Starts `npm start`'s gateway in a child process (its own data directory, a free port) for a benchmark to load. */
export async function startBenchGateway(options: { readonly nodeArgs?: readonly string[]; readonly env?: Record<string, string> } = {}): Promise<BenchGateway> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recgate-bench-'));
  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/entry/main.ts'], {
    cwd: path.join(__dirname, '../../..'),
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.pid) {
      process.kill(-server.pid, 'SIGINT');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const startOutput = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${output}`)), 120_000);
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/listening on http/.test(output)) {
          clearTimeout(timer);
          resolve(output);
        }
      });
      server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
    });
    const signInDemoUsers = async (count: number): Promise<Map<string, string>> => {
      const settings = await readLocalUserPoolSettings(path.join(dataDir, 'cognito'));
      if (!settings) throw new Error('the gateway announced no local user pool');
      const client = createCognitoClient({ region: settings.region, endpoint: settings.endpoint, timeoutMs: 5000 });
      const admin = new CognitoUserPoolAdmin(client);
      const tokens = new Map<string, string>();
      try {
        for (let n = 1; n <= count; n++) {
          const userId = `u${String(n).padStart(4, '0')}`;
          await admin.createUser(settings.userPoolId, { username: `bench-${userId}`, password: BENCH_PASSWORD, sub: userId });
          tokens.set(userId, (await admin.signIn(settings.clientId, `bench-${userId}`, BENCH_PASSWORD)).accessToken);
        }
      } finally {
        client.destroy();
      }
      return tokens;
    };
    const cpuMs = () => processCpuMs(server.pid ?? 0);
    return { url: /listening on (http:\/\/\S+)/.exec(startOutput)?.[1] ?? '', startOutput, dataDir, signInDemoUsers, cpuMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A process's CPU time (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms), in ms. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
