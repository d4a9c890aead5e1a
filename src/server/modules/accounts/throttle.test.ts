import { describe, expect, it } from 'vitest';
import { accountKey, delayAfter, MAX_DELAY_SECONDS, sourceKey } from './throttle.ts';

describe('sign-in throttle keys and delays', () => {
  it('names an IPv4 client by its address, an IPv6 client by its /64', () => {
    expect(sourceKey('10.1.2.3')).toBe('10.1.2.3');
    expect(sourceKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(sourceKey('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey(null)).toBe('unknown');
  });

  it('keys an account by its normalised email and holds no email', () => {
    expect(accountKey(' Someone@Example.org ')).toBe(accountKey('someone@example.org'));
    expect(accountKey('someone@example.org')).not.toContain('someone');
  });

  it('doubles the wait up to the maximum', () => {
    expect([0, 1, 2, 3].map(delayAfter)).toEqual([30, 60, 120, 240]);
    expect(delayAfter(50)).toBe(MAX_DELAY_SECONDS);
  });
});
