import type { SecretBox } from '../secrets/secret-box.js';
import type { DeliveryEffect } from './delivery-effects.js';

/** What is kept of a verified delivery so its receiver can plan it again: its headers and exact bytes. */
export interface KeptRequest {
  headers: Record<string, string>;
  rawBody: Buffer;
}

// The sender's address and credentials of the hop in front play no part in planning.
const unkeptHeaders = new Set([
  'authorization',
  'cookie',
  'forwarded',
  'x-forwarded-for',
  'x-real-ip',
  'via',
  'host',
  'connection',
  'content-length',
  'accept-encoding',
]);

export function sealRequest(secrets: SecretBox, headers: Record<string, string | undefined>, rawBody: Buffer): string {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !unkeptHeaders.has(entry[0]),
    ),
  );
  return secrets.seal(JSON.stringify({ headers: kept, body: rawBody.toString('base64') }));
}

export function openRequest(secrets: SecretBox, sealed: string): KeptRequest {
  const { headers, body } = JSON.parse(secrets.open(sealed)) as { headers: Record<string, string>; body: string };
  return { headers, rawBody: Buffer.from(body, 'base64') };
}

export const sealEffects = (secrets: SecretBox, effects: DeliveryEffect[]) => secrets.seal(JSON.stringify(effects));

export const openEffects = (secrets: SecretBox, sealed: string) => JSON.parse(secrets.open(sealed)) as DeliveryEffect[];
