/** What the options page shows of the terminal bridge. */
export type BridgeStatus = { state: 'off' | 'pending' | 'starting' | 'listening' | 'waiting' } | { state: 'failed'; message: string };

/** Where the background publishes the status (storage.session), for the options page to watch. */
export const BRIDGE_STATUS_KEY = 'bridgeStatus';

export const BRIDGE_STATUS_TEXT = {
  missing: 'The browser found no Tokenkeep bridge to start. In a terminal, run tokenkeep install, then turn this on again.',
  permission: 'Tokenkeep may not talk to programs on this computer: turn this on again, and allow it when the browser asks.',
  listening: 'On: the tokenkeep command can reach this browser. Each request asks you here first.',
  waiting: 'Waiting: another browser’s Tokenkeep answers the terminal now. This one takes over when that one closes.',
  starting: 'Starting the bridge…',
  // Chrome grants the permission at once, but its running background gets the API only when it starts again.
  pending:
    'Allowed. Chrome lets Tokenkeep’s background use it from its next start, which comes on its own within a minute or two of Tokenkeep going quiet. Tokenkeep stays unlocked meanwhile.',
} as const;

/** What the options page can do with the bridge (the background's, or a test's). */
export interface BridgeControl {
  status(): Promise<BridgeStatus>;
  enable(): Promise<BridgeStatus>;
  disable(): Promise<BridgeStatus>;
}
