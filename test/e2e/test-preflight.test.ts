import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { runScript } from '../support/child-process';
import { tempDir, type TempDir } from '../support/temp-dir';
import { childEnvironment } from '../support/test-env';

describe('the test preflight (scripts/test-preflight.ts, the first step of npm test)', () => {
  let bin: TempDir;
  beforeAll(async () => {
    bin = await tempDir();
    await symlink(process.execPath, path.join(bin.path, 'node'));
  });
  afterAll(() => bin.remove());

  it('passes at once on a machine that has chromium, redis-server and unzip', async () => {
    // Prepare: the machine running this suite got past the preflight already.
    // Act
    const run = await runScript('scripts/test-preflight.ts', [], childEnvironment({}));
    // Assess
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('stops at once with the one command that installs what is missing when it cannot install it itself', async () => {
    // Prepare: a PATH holding node only, so neither the three programs nor apt-get are found.
    const env = childEnvironment({ PATH: bin.path });
    // Act
    const run = await runScript('scripts/test-preflight.ts', [], env);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this machine lacks chromium (the browser tests), redis-server (the live-feed tests over Redis), unzip (the Lambda packaging test)');
    expect(run.stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium redis-server unzip');
  });
});
