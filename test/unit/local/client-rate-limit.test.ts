import { describe, expect, it } from 'vitest';
import { createClientRateLimit } from '../../../local/client-rate-limit';

describe('the local per-client rate limit (WAF’s rate-based rule)', () => {
  it('refuses a client past its requests in the window, and admits it again as old ones leave the window', () => {
    let time = 0;
    const admit = createClientRateLimit(3, 60, () => time);
    expect([admit('a'), admit('a'), admit('a'), admit('a')]).toEqual([true, true, true, false]);
    time += 30_000;
    expect(admit('a')).toBe(false);
    time += 30_001; // the first three left the window
    expect([admit('a'), admit('a'), admit('a'), admit('a')]).toEqual([true, true, true, false]);
  });

  it('counts each client address on its own: one client over its limit holds back no other', () => {
    const admit = createClientRateLimit(2, 60, () => 0);
    expect([admit('junk'), admit('junk'), admit('junk'), admit('junk')]).toEqual([true, true, false, false]);
    expect([admit('citizen'), admit('citizen')]).toEqual([true, true]);
  });
});
