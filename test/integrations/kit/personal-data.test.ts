import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../../integrations/kit/personal-data.js';

describe('redactPersonalData', () => {
  it('removes contact details, card numbers, addresses and secrets, naming what was there', () => {
    const ticket = [
      'Hi, I am Ana María López (ana.lopez+billing@example.co.uk, +44 20 7946 0958).',
      'My card 4111 1111 1111 1111 was charged twice; order 1234567890123 is fine.',
      'Our server 203.0.113.42 calls https://admin:hunter2@api.example.com/v1 with token ghp_abcdefghijklmnopqrstuvwxyz0123456789.',
      'IBAN GB82 WEST 1234 5698 7654 32, call me on (555) 123-4567.',
    ].join('\n');
    const { text, removed } = redactPersonalData(ticket, { names: ['Ana María López'] });
    for (const leaked of [
      'ana.lopez',
      '7946',
      '4111 1111',
      '203.0.113.42',
      'hunter2',
      'ghp_',
      'GB82',
      '123-4567',
      'Ana',
      'López',
    ]) {
      expect(text, leaked).not.toContain(leaked);
    }
    expect(text).toContain('order 1234567890123 is fine'); // not a card number (Luhn)
    expect(text).toContain('https://[credentials]@api.example.com/v1');
    expect(removed).toMatchObject({
      email: 1,
      phone: 2,
      card: 1,
      ip: 1,
      secret: 1,
      'url-credentials': 1,
      iban: 1,
      person: 1,
    });
  });

  it('keeps what documentation needs: versions, flags, dates, code', () => {
    const text = 'Since v2.14.3 the --timeout flag defaults to 30 (see docs/config.md, 2024-05-01). Set APP_PORT=8080.';
    expect(redactPersonalData(text).text).toBe(text);
  });

  it('replaces every name the provider gave, in any case, but not inside other words', () => {
    const { text } = redactPersonalData('bob asked Bob Smith; Bobby and SMITH too', { names: ['Bob Smith'] });
    expect(text).toBe('[person] asked [person]; Bobby and [person] too');
  });
});
