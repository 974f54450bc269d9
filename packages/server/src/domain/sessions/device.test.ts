import { describe, expect, it } from 'vitest';
import type { GeoLocator } from '../ports.ts';
import { describeDevice, deviceLabel } from './device.ts';

const geo: GeoLocator = { locate: (ip) => (ip === '203.0.113.9' ? { city: 'Lyon', country: 'FR' } : null) };

describe('describeDevice', () => {
  it('reads browser, OS and a desktop from a desktop User-Agent, and places the IP', () => {
    const d = describeDevice(geo, {
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    });
    expect(d).toEqual({
      browserName: 'Firefox',
      browserVersion: '121.0',
      osName: 'Linux',
      deviceType: 'desktop',
      ipAddress: '203.0.113.9',
      city: 'Lyon',
      country: 'FR',
    });
    expect(deviceLabel(d)).toBe('Firefox 121 on Linux');
  });

  it('tells a phone and a tablet', () => {
    const phone =
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
    const tablet =
      'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
    expect(describeDevice(geo, { ip: '127.0.0.1', userAgent: phone }).deviceType).toBe('mobile');
    expect(describeDevice(geo, { ip: '127.0.0.1', userAgent: tablet }).deviceType).toBe('tablet');
  });

  it('knows nothing of a missing or made-up User-Agent, and bounds what it keeps', () => {
    expect(describeDevice(geo, { ip: '127.0.0.1', userAgent: null })).toMatchObject({
      browserName: null,
      osName: null,
      deviceType: null,
      city: null,
      country: null,
    });
    const long = describeDevice(geo, { ip: '127.0.0.1', userAgent: `${'x'.repeat(5000)}` });
    expect(long.browserName).toBeNull();
    expect(deviceLabel(long)).toBe('Unknown browser');
  });
});
