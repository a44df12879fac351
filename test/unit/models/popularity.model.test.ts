import { fitPopularity } from '../../../src/models/popularity.model';

const DAY = 86_400_000;
const categories: Record<string, string[]> = { old: ['Drama'], fresh: ['Horror'], steady: ['Drama', 'Horror'] };

describe('PopularityModel', () => {
  // "old": 10 users' views a year ago; "fresh": 4 this week; "steady": one new user a day for 30 days.
  const events = [
    ...Array.from({ length: 10 }, (_, n) => ({ userId: `o${n}`, itemId: 'old', occurredAt: 0 })),
    ...Array.from({ length: 4 }, (_, n) => ({ userId: `f${n}`, itemId: 'fresh', occurredAt: 365 * DAY - n * DAY })),
    ...Array.from({ length: 30 }, (_, n) => ({ userId: `s${n}`, itemId: 'steady', occurredAt: 365 * DAY - n * DAY })),
  ];

  it('decays old interactions by the half-life, measured from the latest interaction', () => {
    const model = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 7, listSize: 10, categoryListSize: 10, maxCategories: 10, minUsers: 1 });
    expect(model.asOf).toBe(365 * DAY);
    expect(model.overall.map((entry) => entry.id)).toEqual(['steady', 'fresh', 'old']);
    expect(model.overall[2]?.score).toBeLessThan(1e-6);
    // With a very long half-life, counts win.
    const slow = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 100_000, listSize: 10, categoryListSize: 10, maxCategories: 10, minUsers: 1 });
    expect(slow.overall.map((entry) => entry.id)).toEqual(['steady', 'old', 'fresh']);
  });

  it('keeps a list per category', () => {
    const model = fitPopularity(events, (id) => categories[id] ?? [], { halfLifeDays: 7, listSize: 10, categoryListSize: 10, maxCategories: 10, minUsers: 1 });
    expect(model.byCategory['Drama']?.map((entry) => entry.id)).toEqual(['steady', 'old']);
    expect(model.byCategory['Horror']?.map((entry) => entry.id)).toEqual(['steady', 'fresh']);
  });

  it('marks as trending what ranks first now but is outside the list all-time', () => {
    // Five films with 10 views each a year ago; "premiere" with 3 views today.
    const history = [
      ...['a', 'b', 'c', 'd', 'e'].flatMap((itemId) => Array.from({ length: 10 }, (_, n) => ({ userId: `u${n}`, itemId, occurredAt: 0 }))),
      ...Array.from({ length: 3 }, (_, n) => ({ userId: `p${n}`, itemId: 'premiere', occurredAt: 365 * DAY })),
    ];
    const model = fitPopularity(history, () => [], { halfLifeDays: 7, listSize: 4, categoryListSize: 4, maxCategories: 4, minUsers: 1 });
    expect(model.overall[0]?.id).toBe('premiere');
    expect(model.trending).toEqual(['premiere']);
  });

  it('counts one user once per item, however many events they send: one account cannot move an item up', () => {
    // Prepare: ten items each chosen by 3–12 users a year ago; "pushed" chosen by one user 500 times today.
    const chosen = Array.from({ length: 10 }, (_, item) => Array.from({ length: 3 + item }, (_, user) => ({ userId: `u${user}`, itemId: `i${item}`, occurredAt: user * DAY }))).flat();
    const spam = Array.from({ length: 500 }, () => ({ userId: 'alice', itemId: 'pushed', occurredAt: 365 * DAY }));
    // Act
    const once = fitPopularity([...chosen, ...spam], () => [], { halfLifeDays: 30, listSize: 20, categoryListSize: 4, maxCategories: 4, minUsers: 1 });
    const supported = fitPopularity([...chosen, ...spam], () => [], { halfLifeDays: 30, listSize: 20, categoryListSize: 4, maxCategories: 4, minUsers: 3 });
    // Assess: 500 events weigh as one user's; and an item only one or two users chose is nobody's "popular".
    expect(once.overall.find((entry) => entry.id === 'pushed')?.score).toBe(1);
    expect(supported.overall.map((entry) => entry.id)).not.toContain('pushed');
    expect(supported.trending).not.toContain('pushed');
    expect(supported.overall).toHaveLength(10);
  });
});
