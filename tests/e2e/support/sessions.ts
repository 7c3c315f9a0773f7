/** Browser sessions and temporary folders a test file opens, closed and removed after each test. */
import { rm } from 'node:fs/promises';
import { afterEach } from 'vitest';

export function trackedSessions<S extends { close(): Promise<void> }, O>(launch: (options?: O) => Promise<S>) {
  let sessions: S[] = [];
  let dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    sessions = [];
    dirs = [];
  });
  return {
    async start(options?: O): Promise<S> {
      const session = await launch(options);
      sessions.push(session);
      return session;
    },
    removeAfter(dir: string): string {
      dirs.push(dir);
      return dir;
    },
  };
}
