/** Firefox add-on id: fixed so storage survives reinstalls and tests can address the add-on. */
export const GECKO_ID = 'tokenkeep@tokenkeep.app';

/** The keyboard command that copies the credential for the current tab's site. */
export const COPY_FOR_SITE = 'copy-for-site';
