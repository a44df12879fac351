import { spawn } from 'node:child_process';

/** dynalite in a process of its own (in memory), so that the emulator's CPU is not the gateway's. */
export async function startExternalDynalite(): Promise<{ endpoint: string; pid: number; stop(): Promise<void> }> {
  const script = `const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }); server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dynalite did not start:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`dynalite exited (${code}):\n${output}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
