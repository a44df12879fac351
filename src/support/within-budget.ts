/** Waits for `work` at most `budgetMs`: true when it settled in time (it carries on otherwise; its failure is the caller's `onError`). */
export async function withinBudget(work: Promise<unknown>, budgetMs: number, onError: (error: unknown) => void): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    () => true,
    (error: unknown) => {
      onError(error);
      return true;
    },
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), budgetMs);
    timer.unref();
  });
  const inTime = await Promise.race([settled, late]);
  clearTimeout(timer);
  return inTime;
}
