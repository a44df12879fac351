import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Container } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment, testPersonalizeEnvironment } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';
import { until } from '../support/wait-until';

const ARTIFACTS = path.join(__dirname, '../../test-artifacts');

/** Debian's chromium, which .ci/run installs. */
function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not installed: apt-get install -y chromium (.ci/run does this)');
  }
}

describe('the playground and the dashboard in headless Chromium', () => {
  let container: Container;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const env = testEnvironment({
      ...testAuthEnvironment(),
      PORT: '0',
      HOST: '127.0.0.1',
      ...testPersonalizeEnvironment(),
    });
    container = await trainedTestContainer(env);
    const experiment = await container.experimentService.create({ name: 'baseline vs personalize', kind: 'AB', variants: [{ name: 'control', strategy: 'BASELINE' }, { name: 'personalize', strategy: 'PERSONALIZE' }] });
    await container.experimentService.start(experiment.id);
    const browserTokens = { playgroundAuthorization: `Bearer ${(await signIn('alice')).accessToken}`, dashboardAuthorization: `Bearer ${(await signIn('admin')).accessToken}` };
    server = await startServer({ config: container.config, container, log: () => undefined, browser: browserTokens });
    origin = new URL(server.url).origin;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs a recommendations query from the playground, signed in, and shows items with explanations — loading nothing from elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${origin}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction("document.querySelector('.graphiql-response')?.textContent?.includes('explanations')", undefined, { timeout: 20_000 });
    const response = (await page.textContent('.graphiql-response')) ?? '';
    expect(response).toContain('"strategyServed"');
    expect(response).toMatch(/"text": "(Because you|Popular|Trending|New|Matches|Promoted|Something)/);
    expect(response).not.toContain('UNAUTHENTICATED');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
    expect(foreign).toEqual([]);
    await page.close();
  }, 60_000);

  it('follows the live feed from the playground over graphql-ws: an event pushes a fresh list into the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${origin}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 20_000 });
    await page.getByText('Feed', { exact: true }).click();
    // The tab's query is in the editor (and its operation known) before it runs.
    await page.waitForFunction("document.querySelector('.graphiql-query-editor')?.textContent?.includes('subscription Feed')", undefined, { timeout: 10_000 });
    // The subscription is in place once the server's feed listens for alice's events. A click
    // before the playground has settled on the tab's operation runs nothing: then click again
    // (only while nothing listens, so a click never stops a running subscription).
    const listening = container.feedActivity().listening;
    const subscribed = () => container.feedActivity().listening === listening + 1;
    for (let attempt = 1; !subscribed(); attempt++) {
      await page.click('.graphiql-execute-button');
      await until(subscribed, 3_000).catch((error: unknown) => {
        if (attempt >= 4) throw error;
      });
    }
    const alice = (await signIn('alice')).accessToken;
    const recorded = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
      body: JSON.stringify({ query: `mutation { recordInteraction(input: { eventId: "browser-${Date.now()}", itemId: "i0005", type: LIKE }) { duplicate } }` }),
    });
    expect(recorded.status).toBe(200);
    await page.waitForFunction("document.querySelector('.graphiql-response')?.textContent?.includes('generatedAt')", undefined, { timeout: 10_000 });
    expect(await page.textContent('.graphiql-response')).toContain('feedUpdated');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-live-feed.png') });
    await page.close();
  }, 60_000);

  it('shows the admin dashboard: the strategy report and the running experiment, as charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    await page.goto(`${origin}/dashboard`);
    await page.waitForSelector('#dashboard svg', { timeout: 30_000 });
    expect(await page.locator('#dashboard svg').count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('#dashboard')).toContain('Baseline vs Personalize');
    expect(await page.textContent('#dashboard')).toContain('Experiment: baseline vs personalize');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('refuses the dashboard to a user who is not an admin', async () => {
    const response = await fetch(`${origin}/dashboard/content`, { headers: { authorization: `Bearer ${(await signIn('alice')).accessToken}` } });
    expect(response.status).toBe(403);
    expect((await fetch(`${origin}/dashboard/content`)).status).toBe(401);
  });
});
