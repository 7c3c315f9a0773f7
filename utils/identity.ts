/** Firefox add-on id: fixed so storage survives reinstalls and tests can address the add-on. */
export const GECKO_ID = 'tokenkeep@tokenkeep.app';
