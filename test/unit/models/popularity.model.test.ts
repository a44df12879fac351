import { fitPopularity } from '../../../src/models/popularity.model';

const DAY = 86_400_000;
const categories: Record<string, string[]> = { old: ['Drama'], fresh: ['Horror'], steady: ['Drama', 'Horror'] };

describe('PopularityModel', () => {
  // "old": 10 views a year ago; "fresh": 4 views this week; "steady": 1 view a day for 30 days.
  const events = [
    ...Array.from({ length: 10 }, () => ({ itemId: 'old', occurredAt: 0 })),
    ...Array.from({ length: 4 }, (_, n) => ({ itemId: 'fresh', occurredAt: 365 * DAY - n * DAY })),
    ...Array.from({ length: 30 }, (_, n) => ({ itemId: 'steady', occurredAt: 365 * DAY - n * DAY })),
  ];

  it('decays old interactions by the half-life, measured from the latest interaction', () => {
    const model = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 7, listSize: 10, categoryListSize: 10, maxCategories: 10 });
    expect(model.asOf).toBe(365 * DAY);
    expect(model.overall.map((entry) => entry.id)).toEqual(['steady', 'fresh', 'old']);
    expect(model.overall[2]?.score).toBeLessThan(1e-6);
    // With a very long half-life, counts win.
    const slow = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 100_000, listSize: 10, categoryListSize: 10, maxCategories: 10 });
    expect(slow.overall.map((entry) => entry.id)).toEqual(['steady', 'old', 'fresh']);
  });

  it('keeps a list per category', () => {
    const model = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 7, listSize: 10, categoryListSize: 10, maxCategories: 10 });
    expect(model.byCategory['Drama']?.map((entry) => entry.id)).toEqual(['steady', 'old']);
    expect(model.byCategory['Horror']?.map((entry) => entry.id)).toEqual(['steady', 'fresh']);
  });

  it('marks as trending what ranks first now but is outside the list all-time', () => {
    // Five films with 10 views each a year ago; "premiere" with 3 views today.
    const history = [
      ...['a', 'b', 'c', 'd', 'e'].flatMap((itemId) => Array.from({ length: 10 }, () => ({ itemId, occurredAt: 0 }))),
      ...Array.from({ length: 3 }, () => ({ itemId: 'premiere', occurredAt: 365 * DAY })),
    ];
    const model = fitPopularity(history, () => [], { halfLifeDays: 7, listSize: 4, categoryListSize: 4, maxCategories: 4 });
    expect(model.overall[0]?.id).toBe('premiere');
    expect(model.trending).toEqual(['premiere']);
  });
});
