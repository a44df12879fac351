import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface BenchGateway {
  readonly url: string;
  /** Everything the gateway printed up to "listening" (where the local Personalize listens, say). */
  readonly startOutput: string;
  stop(): Promise<void>;
}

/** Starts `npm start`'s gateway in a child process (its own data directory, a free port) for a benchmark to load. */
export async function startBenchGateway(): Promise<BenchGateway> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recgate-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/entry/server.ts'], {
    cwd: path.join(__dirname, '../../..'),
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
    return { url: /listening on (http:\/\/\S+)/.exec(startOutput)?.[1] ?? '', startOutput, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
