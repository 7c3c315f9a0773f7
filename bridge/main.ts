/**
 * The one file Tokenkeep ships for the terminal (tokenkeep.mjs, which the
 * options page saves): the `tokenkeep` command, and, started by the browser
 * as `tokenkeep.mjs host`, the native-messaging host. One file needs only
 * Node: nothing to unpack and nothing from node_modules.
 */
if (process.argv[2] === 'host') await import('./host');
else await import('./cli');
export {};
