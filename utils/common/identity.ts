/** Firefox add-on id: fixed so storage survives reinstalls and tests can address the add-on. */
export const GECKO_ID = 'tokenkeep@tokenkeep.app';

/** The keyboard command that copies the credential for the current tab's site. */
export const COPY_FOR_SITE = 'copy-for-site';

/** The keyboard command that fills the current tab's login form. */
export const FILL_FOR_SITE = 'fill-for-site';

/**
 * The Chrome build's public key (manifest `key`): it fixes the extension id on
 * every machine, so the terminal bridge's host manifest can name that one id.
 * Chrome needs no private half for an unpacked build. A Web Store item has an
 * id of its own: its public key (from the developer dashboard) belongs here,
 * so that unpacked builds and the store share one id.
 */
export const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0nG4zj2vzb+Q0Wm6K6OiG/WUaBr5Rezcy46bf8oHx1FYnP8Zpj3DXeHvRM8DTZsrbJsTzKQUrYhO83MkkNqcRVuF/ofuZjRFVWfxAN2sBFePaHKCQOZXQ++dq+hH8zuJmzj56qv2bbwZlZsVXyVSyccCvf5SU+EAeixppkGcnR8WG7dKYQESCvp3Dil9/rwMl4m1iNbl2q1b23zw22NRs4N7IgpZ/RwSnkUdJogmBzvVx4QdpOtzyOwnHTiQpNlT2yPnSwC80M09F1Yuh4YxjdNZ9al1M2P2DKS8mpPsxn2+x8J7BKiopV99lvlRuHoZotvCszdP/DrW3IIxiNwTpwIDAQAB';

/** The id Chrome derives from CHROME_KEY (a unit test checks the derivation). */
export const CHROME_ID = 'fhhhoepahmmolhhlopliehpnidlmjgcd';

/** The native-messaging host's name, as the extension and the host manifests spell it. */
export const BRIDGE_HOST = 'app.tokenkeep.bridge';
