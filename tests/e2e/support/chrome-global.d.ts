/** The extension API as seen by code the tests evaluate inside extension pages and workers. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string };
  windows: {
    create(options: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown>;
    getAll(filter: { windowTypes: string[] }): Promise<unknown[]>;
  };
  permissions: {
    contains(permissions: { permissions?: string[]; origins?: string[] }): Promise<boolean>;
    getAll(): Promise<{ permissions?: string[]; origins?: string[] }>;
  };
  tabs: {
    query(filter: { url?: string }): Promise<Array<{ id?: number; groupId: number; url?: string; title?: string; status?: string }>>;
    remove(id: number): Promise<void>;
  };
  tabGroups: { get(id: number): Promise<{ color: string; title?: string }> };
  commands: { getAll(): Promise<Array<{ name: string; shortcut: string }>> };
  alarms: { get(name: string): Promise<{ name: string; periodInMinutes?: number; scheduledTime: number } | undefined> };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };
    session: { get(key?: string | null): Promise<Record<string, unknown>> };
    sync: { get(key: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(keys: string[]): Promise<void> };
  };
};
