import type { DataConverter } from '@temporalio/common';
import { createPayloadCodec } from '../../secrets/payload-codec.js';

/** A fixed key for tests, so the recorded (encrypted) histories can be replayed. Never used outside tests. */
export const testSecretKey = Buffer.from('ZG9jZmxvdy10ZXN0LWtleS0wMDAwMDAwMDAwMDAwMDA=', 'base64');
export const testDataConverter: DataConverter = { payloadCodecs: [createPayloadCodec([testSecretKey])] };
