/**
 * Runs async tasks one after another. Read-modify-write on accounts goes
 * through one queue so that two tabs saving at once cannot lose an update.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
