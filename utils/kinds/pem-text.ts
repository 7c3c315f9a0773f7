/**
 * What can be told about a PEM block from its text alone, shared by the
 * JWT kind's quick checks (in the popup) and pem.ts's parsing (loaded on
 * demand), so both refuse an encrypted key with the same words.
 */

export const isEncryptedPem = (pem: string) => /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);

export const ENCRYPTED_KEY =
  'This private key is encrypted with a passphrase. The sf CLI needs it unencrypted too: run "openssl pkey -in server.key -out server-plain.key" and paste that.';
