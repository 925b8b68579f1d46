import { describe, expect, it } from 'vitest';
import { ImmutableCache } from '../../../integrations/kit/immutable-cache.js';

describe('immutable cache', () => {
  it('loads a key once, however many ask for it at the same time', async () => {
    const cache = new ImmutableCache<string>(1000, (v) => v.length);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'value';
    };
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', load)));
    expect(values.every((v) => v === 'value')).toBe(true);
    expect(await cache.get('k', load)).toBe('value');
    expect(loads).toBe(1);
  });

  it('forgets a failed load, so the next ask loads again', async () => {
    const cache = new ImmutableCache<string>(1000, (v) => v.length);
    await expect(cache.get('k', () => Promise.reject(new Error('git died')))).rejects.toThrow('git died');
    expect(await cache.get('k', async () => 'second')).toBe('second');
    expect(cache.loads).toBe(2);
  });

  it('keeps within its byte budget, evicting the least recently used first', async () => {
    const cache = new ImmutableCache<string>(30, (v) => v.length);
    await cache.get('a', async () => 'x'.repeat(10));
    await cache.get('b', async () => 'x'.repeat(10));
    await cache.get('a', async () => 'reloaded'); // touch a: b is now the oldest
    await cache.get('c', async () => 'x'.repeat(15));
    expect(cache.bytes).toBeLessThanOrEqual(30);
    expect(await cache.get('a', async () => 'reloaded')).toBe('x'.repeat(10));
    expect(await cache.get('b', async () => 'reloaded')).toBe('reloaded');
    expect(cache.loads).toBe(4);
  });

  it('does not keep a value larger than the whole budget', async () => {
    const cache = new ImmutableCache<string>(5, (v) => v.length);
    await cache.get('big', async () => 'x'.repeat(6));
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});
