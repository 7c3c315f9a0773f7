/** Firefox add-on id: fixed so storage survives reinstalls and tests can address the add-on. */
export const GECKO_ID = 'tokenkeep@tokenkeep.app';

/** The keyboard command that copies the credential for the current tab's site. */
export const COPY_FOR_SITE = 'copy-for-site';

/** The keyboard command that fills the current tab's login form. */
export const FILL_FOR_SITE = 'fill-for-site';
