import { createHmac, randomUUID } from 'node:crypto';
import type { FakeBitbucket } from './fake-bitbucket/index.js';

/** A `pullrequest:*` payload as Bitbucket sends it, for a pull request of the fake (hashes abbreviated to 12, as Bitbucket does). */
export function pullRequestPayload(fake: FakeBitbucket, repo: string, id: number, adjust: (p: any) => void = () => {}) {
  const payload = {
    actor: { type: 'user', display_name: 'Test' },
    repository: { type: 'repository', full_name: repo, name: repo.split('/')[1], is_private: true },
    pullrequest: fake.pullRequestJson(repo, id),
  };
  adjust(payload);
  return payload;
}

/** Headers Bitbucket sends, with the body signed as Bitbucket signs it (a hook with a secret). */
export function signedBitbucketDelivery(
  eventKey: string,
  payload: unknown,
  secret: string,
  requestUuid: string = randomUUID(),
) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-event-key': eventKey,
      'x-request-uuid': requestUuid,
      'x-hook-uuid': '{5f4c7b1e-2a6b-4f3e-9a1d-0c2b3e4f5a6b}',
      'x-attempt-number': '1',
      'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      'user-agent': 'Bitbucket-Webhooks/2.0',
    } as Record<string, string>,
  };
}
