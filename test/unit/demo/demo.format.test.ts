import { demoFormat } from '../../../src/demo/demo.format';
import { ImportFileError } from '../../../src/importers/import-errors';

describe('the demo dataset format', () => {
  it("generates npm start's demo data from a seed, or a size of one's choosing", async () => {
    const standard = await demoFormat.open('42');
    expect(standard.map((part) => [part.kind, part.totalBytes])).toEqual([
      ['items', 400],
      ['users', 300],
      ['interactions', expect.any(Number)],
    ]);
    const sized = await demoFormat.open('7/50/20/10');
    expect(sized.map((part) => part.kind === 'interactions' || part.totalBytes)).toEqual([50, 20, true]);
  });

  it.each([['forty-two'], ['42/10'], ['42/0/10/10'], ['']])('refuses "%s" with what it takes', async (target) => {
    await expect(demoFormat.open(target)).rejects.toBeInstanceOf(ImportFileError);
  });
});
