import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption with AES-256-GCM: each secret gets its own random data key, which is
 * wrapped by the key-encryption key. The sealed text names the key id that wrapped it.
 */
export interface SecretBox {
  keyId: string;
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Re-wraps the sealed secret's data key under the current key; the secret itself is not touched. */
  rewrap(sealed: string): string;
  /** The key id a sealed secret was wrapped with. */
  keyIdOf(sealed: string): string;
}

interface Sealed {
  v: 1;
  kid: string;
  /** data key, encrypted by the KEK: iv.tag.ciphertext (base64url) */
  dk: string;
  /** secret, encrypted by the data key: iv.tag.ciphertext (base64url) */
  ct: string;
}

const encrypt = (key: Buffer, plaintext: Buffer): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.');
};

const decrypt = (key: Buffer, sealed: string): Buffer => {
  const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
};

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/** `keys[0]` seals; every key in `keys` can open (older keys stay readable until re-sealed). */
export function createSecretBox(keys: Buffer[]): SecretBox {
  const [current] = keys;
  if (!current || keys.some((k) => k.length !== 32)) throw new Error('secret keys must be 32 bytes');
  const byId = new Map(keys.map((k) => [keyIdOf(k), k]));
  const dataKeyOf = (sealed: Sealed) => {
    const kek = byId.get(sealed.kid);
    if (!kek)
      throw new Error(
        `secret was sealed with key ${sealed.kid}, which is not configured (add it to DOCFLOW_SECRET_KEYS_OLD)`,
      );
    return decrypt(kek, sealed.dk);
  };
  return {
    keyId: keyIdOf(current),
    seal(plaintext) {
      const dataKey = randomBytes(32);
      const sealed: Sealed = {
        v: 1,
        kid: keyIdOf(current),
        dk: encrypt(current, dataKey),
        ct: encrypt(dataKey, Buffer.from(plaintext, 'utf8')),
      };
      return JSON.stringify(sealed);
    },
    open(text) {
      const sealed = JSON.parse(text) as Sealed;
      return decrypt(dataKeyOf(sealed), sealed.ct).toString('utf8');
    },
    rewrap(text) {
      const sealed = JSON.parse(text) as Sealed;
      if (sealed.kid === keyIdOf(current)) return text;
      const rewrapped: Sealed = { ...sealed, kid: keyIdOf(current), dk: encrypt(current, dataKeyOf(sealed)) };
      return JSON.stringify(rewrapped);
    },
    keyIdOf: (text) => (JSON.parse(text) as Sealed).kid,
  };
}
