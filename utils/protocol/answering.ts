/**
 * An onMessage listener that answers with a promise, the same way in both
 * browsers. Firefox takes a promise returned from the listener; Chrome takes
 * only `return true` and a later `sendResponse`, and both browsers accept
 * that, so that is what this does. No polyfill is shipped for it: the
 * content script, which runs on every webmail page, would carry its 1.3 KB.
 */
export function answering<S>(handle: (message: unknown, sender: S) => Promise<unknown> | undefined) {
  return (message: unknown, sender: S, sendResponse: (reply?: unknown) => void): true | undefined => {
    const reply = handle(message, sender);
    if (!reply) return undefined;
    // A reply that failed to come is no reply: the sender sees undefined, as when nobody answers.
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}
