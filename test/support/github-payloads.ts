import { createHmac, randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples' with { type: 'json' };

type Payload = Record<string, any>;

/** A real example payload from @octokit/webhooks-examples, deep-copied, optionally adjusted for the scenario. */
export function examplePayload(
  event: string,
  pick: (payload: Payload) => boolean = () => true,
  adjust: (payload: Payload) => void = () => {},
): Payload {
  const group = (examples as unknown as { name: string; examples: Payload[] }[]).find((e) => e.name === event);
  const found = group?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  const copy = structuredClone(found);
  adjust(copy);
  return copy;
}

/** Headers GitHub sends, with the body signed exactly as GitHub signs it. */
export function signedDelivery(event: string, payload: unknown, secret: string, deliveryId: string = randomUUID()) {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return {
    body,
    deliveryId,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-github-hook-id': '123',
      'x-hub-signature-256': signature,
      'user-agent': 'GitHub-Hookshot/test',
    },
  };
}
