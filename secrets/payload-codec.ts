import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { untrustedPayload } from '../workflows/messages.js';
import { keyIdOf } from './secret-box.js';

const ENCODING = 'binary/encrypted';
const PayloadProto = proto.temporal.api.common.v1.Payload;
const untrusted: Payload = {
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(untrustedPayload)),
};

/** A key for Temporal payloads, derived from a secret key so the two never share key material. */
const derive = (secretKey: Buffer) =>
  Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'docflow temporal payloads', 32));

/**
 * Encrypts every Temporal payload (workflow inputs, activity arguments and results, signals,
 * updates) with AES-256-GCM, so run data stored by Temporal is unreadable without docflow's key.
 * `keys[0]` encrypts; every key in `keys` decrypts (key rotation).
 */
export function createPayloadCodec(keys: Buffer[]): PayloadCodec {
  const derived = keys.map((key) => ({ id: keyIdOf(key), key: derive(key) }));
  const current = derived[0]!;
  return {
    async encode(payloads: Payload[]) {
      return payloads.map((payload) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', current.key, iv);
        const plain = PayloadProto.encode(payload).finish();
        const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return { metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(current.id) }, data };
      });
    },
    async decode(payloads: Payload[]) {
      return payloads.map((payload) => {
        // Only holders of the key can send a workflow anything it acts on (see untrustedPayload).
        if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return untrusted;
        const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
        const entry = derived.find((d) => d.id === keyId);
        if (!entry) throw new Error(`payload was encrypted with key ${keyId}, which is not configured`);
        const data = Buffer.from(payload.data ?? []);
        const decipher = createDecipheriv('aes-256-gcm', entry.key, data.subarray(0, 12));
        decipher.setAuthTag(data.subarray(data.length - 16));
        const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
        return PayloadProto.decode(plain) as Payload;
      });
    },
  };
}
