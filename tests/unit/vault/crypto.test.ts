import { describe, expect, it } from 'vitest';
import {
  DecryptError,
  deriveKek,
  fromBase64,
  generateInboxKeys,
  importAesKey,
  open,
  openSealedBox,
  passphraseBytes,
  randomBytes,
  seal,
  sealToPublicKey,
  toBase64,
} from '../../../utils/vault/crypto';
import { FAST_KDF } from './helpers';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('AES-GCM records', () => {
  it('opens what it sealed, with a fresh IV each time', async () => {
    const key = await importAesKey(randomBytes(32));
    const a = await seal(key, bytes('secret'), 'record:1');
    const b = await seal(key, bytes('secret'), 'record:1');
    expect(toBase64(a.iv)).not.toBe(toBase64(b.iv));
    expect(new TextDecoder().decode(await open(key, a, 'record:1'))).toBe('secret');
  });

  it('refuses a flipped byte, a swapped record id, or the wrong key', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, bytes('secret'), 'record:1');
    const flipped = { ...sealed, ct: sealed.ct.map((b, i) => (i === 3 ? b ^ 1 : b)) };
    await expect(open(key, flipped, 'record:1')).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, sealed, 'record:2')).rejects.toBeInstanceOf(DecryptError);
    await expect(open(await importAesKey(randomBytes(32)), sealed, 'record:1')).rejects.toBeInstanceOf(DecryptError);
  });
});

describe('passphrase key', () => {
  it('is the same for the same passphrase whatever its Unicode composition (NFC)', async () => {
    const kdf = FAST_KDF();
    const composed = await deriveKek('caf\u00e9 cr\u00e8me br\u00fbl\u00e9e', kdf);
    const decomposed = await deriveKek('cafe\u0301 cre\u0300me bru\u0302le\u0301e', kdf);
    const sealed = await seal(composed, bytes('vault key'), 'k');
    expect(new TextDecoder().decode(await open(decomposed, sealed, 'k'))).toBe('vault key');
    expect(passphraseBytes('e\u0301')).toEqual(passphraseBytes('\u00e9'));
  });

  it('differs with the salt', async () => {
    const a = await deriveKek('same passphrase', FAST_KDF());
    const sealed = await seal(a, bytes('x'), 'k');
    await expect(open(await deriveKek('same passphrase', FAST_KDF()), sealed, 'k')).rejects.toBeInstanceOf(DecryptError);
  });
});

describe('sealing to the inbox public key', () => {
  it('only the private key opens it, and the context is bound', async () => {
    const keys = await generateInboxKeys();
    const box = await sealToPublicKey(keys.publicKey, bytes('capture'), 'inbox:1');
    expect(new TextDecoder().decode(await openSealedBox(keys.privateKey, keys.publicKey, box, 'inbox:1'))).toBe('capture');
    await expect(openSealedBox(keys.privateKey, keys.publicKey, box, 'inbox:2')).rejects.toBeInstanceOf(DecryptError);
    const other = await generateInboxKeys();
    await expect(openSealedBox(other.privateKey, other.publicKey, box, 'inbox:1')).rejects.toBeInstanceOf(DecryptError);
  });
});

it('base64 round-trips any bytes', () => {
  const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 0xff);
  expect(fromBase64(toBase64(data))).toEqual(data);
});
