import { readFile } from 'node:fs/promises';
import { ItemsDocument, RecommendationsDocument, RecordInteractionDocument, UserHistoryDocument } from '../__generated__/operations';
import { childEnvironment } from '../support/test-env';
import { runScript, startScript } from '../support/child-process';
import { postGraphQL } from '../support/http-graphql';
import { tempDir, type TempDir } from '../support/temp-dir';

describe('npm start (src/entry/main.ts on the embedded, on-disk DynamoDB)', () => {
  let dataDir: TempDir;
  beforeAll(async () => (dataDir = await tempDir()));
  afterAll(() => dataDir.remove());

  const env = (): NodeJS.ProcessEnv => {
    return childEnvironment({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', STORAGE: 'embedded', DATA_DIR: dataDir.path, PORT: '0', HOST: '127.0.0.1', DYNAMODB_ENDPOINT: '' });
  };

  it('loads the demo data on first start, stops on Ctrl-C and finds the data, the users, their groups and their tokens again', async () => {
    let tokenFromFirstStart = '';
    const first = startScript('src/entry/main.ts', env());
    try {
      const [, url] = (await first.waitFor(/listening on (http:\/\/\S+)/, 90_000)) as [string, string];
      expect(first.output()).toContain('loaded the built-in demo data (seed 42)');
      expect(first.output()).toMatch(/data: 400 items, 300 users, \d{5} interactions/);
      expect(first.output()).toMatch(/local Cognito \(cognito-local\) on http:\/\/127\.0\.0\.1:\d+: pool local_\w+/);
      expect(first.output()).toContain('created demo users alice, bob, newcomer, admin');
      expect((await postGraphQL(url, ItemsDocument, { first: 2 })).status).toBe(401);
      // npm run token, against the running npm start, as the README says.
      const token = await runScript('scripts/token.ts', ['alice'], env());
      expect(token.code).toBe(0);
      tokenFromFirstStart = token.stdout.trim();
      const alice = { authorization: `Bearer ${tokenFromFirstStart}` };
      const page = await postGraphQL(url, ItemsDocument, { first: 2 }, alice);
      expect(page.body.data?.items.edges).toHaveLength(2);
      const history = await postGraphQL(url, UserHistoryDocument, { id: 'u0001', first: 3 }, alice);
      expect(history.body.data?.user?.history.edges).toHaveLength(3);
      expect(first.output()).toMatch(/no model yet, so trained one: trained model v\S+ on [\d,]+ interactions/);
      const list = await postGraphQL(url, RecommendationsDocument, { input: { limit: 5 } }, alice);
      expect(list.body.data?.recommendations.items).toHaveLength(5);
      expect(list.body.data?.recommendations.items[0]?.explanations[0]?.text).toMatch(/^Because you (watched|viewed|liked|rated) /);
      expect(first.output()).toMatch(/local Personalize on http:\/\/127\.0\.0\.1:\d+, trained on [\d,]+ interactions/);
      const personalized = await postGraphQL(url, RecommendationsDocument, { input: { limit: 5, strategy: 'PERSONALIZE' } }, alice);
      expect(personalized.body.data?.recommendations).toEqual(expect.objectContaining({ strategyServed: 'PERSONALIZE', fallbackReason: null }));
      expect(personalized.body.data?.recommendations.items.map((entry) => entry.source)).toEqual(['PERSONALIZE', 'PERSONALIZE', 'PERSONALIZE', 'PERSONALIZE', 'PERSONALIZE']);
      // Events: recorded and forwarded to the local Personalize; with it failing, kept, and sent by npm run replay-events.
      const personalizeUrl = /local Personalize on (http:\/\/\S+),/.exec(first.output())?.[1] ?? '';
      const record = (eventId: string) => postGraphQL(url, RecordInteractionDocument, { input: { eventId, itemId: 'i0001', type: 'LIKE' } }, alice);
      expect((await record('e2e-like-1')).body.data?.recordInteraction).toEqual(expect.objectContaining({ duplicate: false, forwarded: true }));
      await fetch(`${personalizeUrl}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverError: true }) });
      expect((await record('e2e-like-2')).body.data?.recordInteraction).toEqual(expect.objectContaining({ duplicate: false, forwarded: false }));
      await fetch(`${personalizeUrl}/_emulator/faults`, { method: 'POST', body: JSON.stringify({}) });
      const replayed = await runScript('scripts/replay-events.ts', [], env());
      expect(replayed.stdout).toContain('replay-events: 1 events forwarded, 0 still pending');
      expect(replayed.code).toBe(0);
      const received = ((await (await fetch(`${personalizeUrl}/_emulator/status`)).json()) as { receivedEventIds: string[] }).receivedEventIds;
      expect(received.filter((id) => id.startsWith('e2e-like-'))).toEqual(['e2e-like-1', 'e2e-like-2']);

      // npm run report, against the running npm start's storage and local Personalize.
      const reportDir = `${dataDir.path}/report`;
      const reported = await runScript('scripts/report.ts', ['--k', '5', '--sample', '8', '--out', reportDir], env());
      expect(reported.stdout).toMatch(/users: 8 compared of 8/);
      expect(reported.code).toBe(0);
      const written = JSON.parse(await readFile(`${reportDir}/report.json`, 'utf8')) as { comparedUsers: number; byStrategy: { strategy: string; clicks: number }[] };
      expect(written.comparedUsers).toBe(8);
      expect(await readFile(`${reportDir}/report.html`, 'utf8')).toContain('<svg ');

      // npm run users, against the same running pool: create an admin, list, sign in as them.
      const created = await runScript('scripts/users.ts', ['create', 'carol', '--password', 'Carol-pass-1', '--attribute', 'custom:interests=Horror', '--group', 'admin'], env());
      expect(created.stdout).toContain('users: created carol in the local user pool');
      const listed = await runScript('scripts/users.ts', ['list'], env());
      expect(listed.stdout).toMatch(/carol\s+sub \S+\s+CONFIRMED\s+groups \[admin\] custom:interests=Horror/);
      expect(listed.stdout).toMatch(/alice\s+sub u0001\s+CONFIRMED\s+groups \[\]/);
      expect((await runScript('scripts/users.ts', ['create', 'carol', '--password', 'Carol-pass-1'], env())).code).toBe(1);
      const carol = await runScript('scripts/token.ts', ['carol', '--password', 'Carol-pass-1'], env());
      const asAdmin = await postGraphQL(url, UserHistoryDocument, { id: 'u0002', first: 1 }, { authorization: `Bearer ${carol.stdout.trim()}` });
      expect(asAdmin.body.data?.user?.history.edges).toHaveLength(1);

      // A second npm start on the same data directory refuses at once and leaves the running one's files alone.
      const settingsBefore = await readFile(`${dataDir.path}/cognito/recgate-local.json`, 'utf8');
      const intruder = startScript('src/entry/main.ts', env());
      try {
        expect(await intruder.waitForExit(30_000)).toBe(1);
      } finally {
        await intruder.stop('SIGKILL');
      }
      expect(intruder.output()).toContain(`is in use by another npm start (pid ${first.child.pid ?? ''}, listening on ${url})`);
      expect(intruder.output()).not.toContain('storage:');
      expect(await readFile(`${dataDir.path}/cognito/recgate-local.json`, 'utf8')).toBe(settingsBefore);
      expect((await runScript('scripts/token.ts', ['bob'], env())).code).toBe(0);
      expect(await first.stop('SIGINT')).toBe(0);
      expect(first.output()).toContain('recgate: stopped');
    } finally {
      await first.stop('SIGKILL');
    }

    // Stop, start, stop, start: the admin stays an admin, and a token from before the first restart stays valid.
    for (const restart of [1, 2]) {
      const again = startScript('src/entry/main.ts', env());
      try {
        const [, url] = (await again.waitFor(/listening on (http:\/\/\S+)/, 60_000)) as [string, string];
        expect(again.output()).not.toContain('loaded the built-in demo data');
        expect(again.output()).not.toContain('no model yet');
        expect(again.output()).not.toContain('created demo users');
        expect(again.output()).not.toContain('was taken, so it moved');
        expect(again.output()).toMatch(/data: 400 items, 300 users, \d{5} interactions/);
        const page = await postGraphQL(url, ItemsDocument, { first: 2 }, { authorization: `Bearer ${tokenFromFirstStart}` });
        expect({ restart, status: page.status, edges: page.body.data?.items.edges.length }).toEqual({ restart, status: 200, edges: 2 });
        const admin = await runScript('scripts/token.ts', ['admin'], env());
        const asAdmin = await postGraphQL(url, UserHistoryDocument, { id: 'u0002', first: 1 }, { authorization: `Bearer ${admin.stdout.trim()}` });
        expect({ restart, errors: asAdmin.body.errors, edges: asAdmin.body.data?.user?.history.edges.length }).toEqual({ restart, errors: undefined, edges: 1 });
        const listed = await runScript('scripts/users.ts', ['list'], env());
        expect(listed.stdout).toMatch(/admin\s+sub admin\s+CONFIRMED\s+groups \[admin\]/);
        expect(listed.stdout).toMatch(/carol\s+sub \S+\s+CONFIRMED\s+groups \[admin\] custom:interests=Horror/);
        expect(await again.stop('SIGTERM')).toBe(0);
      } finally {
        await again.stop('SIGKILL');
      }
    }
  }, 240_000);
});
