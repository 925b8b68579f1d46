/**
 * Awaits promises that were started together. A failure is thrown only once every one has settled, so what
 * the others opened in the meantime has been registered for closing before the caller cleans up.
 */
export async function sideBySide<T extends readonly unknown[]>(
  tasks: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
