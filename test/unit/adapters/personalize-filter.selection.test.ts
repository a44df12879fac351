import type { PersonalizeFilters } from '../../../src/config';
import { categoryValue, chooseFilter } from '../../../src/adapters/personalize/personalize-filter.selection';

const arn = (name: string) => `arn:aws:personalize:us-east-1:1:filter/${name}`;
const all: PersonalizeFilters = { unseenArn: arn('unseen'), categoryArn: arn('genres'), unseenCategoryArn: arn('unseen-genres'), categoryParameter: 'GENRES' };
const none: PersonalizeFilters = { unseenArn: undefined, categoryArn: undefined, unseenCategoryArn: undefined, categoryParameter: 'GENRES' };

describe('chooseFilter (one filter a request)', () => {
  it('takes the combined filter when both parts are asked for', () => {
    expect(chooseFilter(all, true, ['Horror', 'Comedy'])).toEqual({
      parameters: { filterArn: arn('unseen-genres'), filterValues: { GENRES: '"Horror","Comedy"' } },
      covers: { unseen: true, categories: true },
    });
  });

  it('prefers categories over unseen when no combined filter exists: seen items are cheaper to make up for', () => {
    expect(chooseFilter({ ...all, unseenCategoryArn: undefined }, true, ['Horror'])).toEqual({
      parameters: { filterArn: arn('genres'), filterValues: { GENRES: '"Horror"' } },
      covers: { unseen: false, categories: true },
    });
  });

  it('takes the unseen filter for a request without categories, and nothing when seen items may stay', () => {
    expect(chooseFilter(all, true, [])).toEqual({ parameters: { filterArn: arn('unseen') }, covers: { unseen: true, categories: false } });
    expect(chooseFilter(all, false, [])).toEqual({ parameters: {}, covers: { unseen: false, categories: false } });
    expect(chooseFilter(none, true, ['Horror'])).toEqual({ parameters: {}, covers: { unseen: false, categories: false } });
  });

  it('leaves categories to the gateway when they cannot be passed as a filter value', () => {
    expect(categoryValue(['Say "hi"'])).toBeUndefined();
    expect(categoryValue(Array.from({ length: 20 }, (_, n) => `${'x'.repeat(60)}${n}`))).toBeUndefined();
    expect(chooseFilter(all, true, ['Say "hi"'])).toEqual({ parameters: { filterArn: arn('unseen') }, covers: { unseen: true, categories: false } });
  });
});
