// The resolver module below is imported directly, not through resolvers/index.ts, which loads this polyfill for type-graphql.
import 'reflect-metadata';
import type { Container } from '../../src/container';
import { strategyReportHtml } from '../../src/pages/strategy-report.html';
import { kendallTauOnCommon, overlapAtK, wilsonInterval } from '../../src/evaluation/list-comparison';
import { readersOf } from '../../src/graphql/request-context';
import { testEnvironment, testPersonalizeEnvironment } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';

describe('the strategy report (dynalite, local Personalize)', () => {
  let container: Container;
  const readers = () => readersOf(container.createContext());

  beforeAll(async () => {
    const env = testEnvironment(testPersonalizeEnvironment());
    container = await trainedTestContainer(env);
  });
  afterAll(() => container.close());

  it('compares the two strategies user by user, as the metrics say of their lists', async () => {
    const report = await container.reportService.report({ k: 10, sample: 12 }, readers);
    expect(report).toEqual(expect.objectContaining({ k: 10, users: 12, comparedUsers: 12, fallbacks: {} }));
    // Recompute one user's figures from the two lists the service would serve.
    const ask = (strategy: 'BASELINE' | 'PERSONALIZE', userId: string) =>
      container.recommendationService.recommend(userId, { strategy, limit: 10, categories: [], excludeSeen: true, context: {}, store: false }, readers());
    const overlaps: number[] = [];
    const taus: number[] = [];
    const inBaseline = new Set<string>();
    const inPersonalize = new Set<string>();
    for (const userId of Array.from({ length: 12 }, (_, n) => `u${String(n + 1).padStart(4, '0')}`)) {
      const [baseline, personalize] = await Promise.all([ask('BASELINE', userId), ask('PERSONALIZE', userId)]);
      const a = baseline.items.map((entry) => entry.item.id);
      const b = personalize.items.map((entry) => entry.item.id);
      overlaps.push(overlapAtK(a, b, 10));
      a.forEach((id) => inBaseline.add(id));
      b.forEach((id) => inPersonalize.add(id));
      const tau = kendallTauOnCommon(a, b);
      if (tau !== null) taus.push(tau);
    }
    expect(report.overlap.mean).toBeCloseTo(overlaps.reduce((sum, value) => sum + value, 0) / overlaps.length, 10);
    expect(report.overlap.histogram.reduce((sum, count) => sum + count, 0)).toBe(12);
    expect(report.overlapCurve[9]?.mean).toBeCloseTo(report.overlap.mean ?? -1, 10);
    expect(report.kendallTau.users).toBe(taus.length);
    expect(report.rbo.mean).toBeGreaterThan(0);
    expect(report.rbo.mean).toBeLessThan(1);
    // What only Personalize surfaced: none when the baseline's blend (user-kNN among its models) found them all.
    expect(report.newContent.items).toBe([...inPersonalize].filter((id) => !inBaseline.has(id)).length);
    expect(report.popularityBias.baseline).toBeGreaterThan(0);
  });

  it('counts impressions and clicks per strategy and source, with Wilson intervals', async () => {
    const list = await container.recommendationService.recommend('u0020', { strategy: 'BASELINE', limit: 5, categories: [], excludeSeen: true, context: {} }, readers());
    const ids = list.items.map((entry) => entry.item.id);
    const items = (wanted: readonly string[]) => container.createContext().loaders.items.loadMany(wanted);
    await container.eventService.record('u0020', { kind: 'IMPRESSION', eventId: 'report-imp-1', recommendationId: list.list.id, itemIds: ids }, items);
    await container.eventService.record('u0020', { kind: 'CLICK', eventId: 'report-click-1', recommendationId: list.list.id, itemId: ids[1] ?? '' }, items);
    const report = await container.reportService.report({ k: 5, sample: 20 }, readers);
    expect(report.byStrategy).toEqual([expect.objectContaining({ strategy: 'BASELINE', impressions: 5, clicks: 1, ctr: wilsonInterval(1, 5) })]);
    const clickedSource = list.items[1]?.source;
    const sources = new Map(report.bySource.map((row) => [row.source, row]));
    expect(sources.get(clickedSource ?? 'BASELINE')?.clicks).toBe(1);
    expect([...sources.values()].reduce((sum, row) => sum + row.impressions, 0)).toBe(5);
  });

  it('renders a self-contained page: inline SVG charts, no script, nothing fetched', async () => {
    // u0020 has an impression and a click (the test before): all five charts are drawn.
    const html = strategyReportHtml(await container.reportService.report({ k: 5, sample: 20 }, readers));
    expect((html.match(/<svg /g) ?? []).length).toBe(5);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('Baseline vs Personalize');
  });
});
