/**
 * Describes the device of a request for its session: browser, OS and device type from the
 * User-Agent (ua-parser-js 1.x, MIT), city and country from the IP address. The User-Agent is
 * what the client says about itself: shown to the user, never trusted for a decision.
 */
import { UAParser } from 'ua-parser-js';
import type { GeoLocator, RequestInfo } from '../ports.ts';
import type { SessionActivity } from './session.ts';

const MAX_FIELD = 100;
const clip = (s: string | undefined): string | null => (s ? s.slice(0, MAX_FIELD) : null);

/** ua-parser-js names a device type only for non-desktop devices; a browser with none is a desktop. */
function deviceType(type: string | undefined, browserKnown: boolean): SessionActivity['deviceType'] {
  if (type === 'mobile' || type === 'wearable') return 'mobile';
  if (type === 'tablet') return 'tablet';
  if (type === undefined || type === 'smarttv' || type === 'console' || type === 'embedded')
    return browserKnown ? 'desktop' : null;
  return null;
}

export function describeDevice(geo: GeoLocator, request: Pick<RequestInfo, 'ip' | 'userAgent'>): SessionActivity {
  const ua = new UAParser(request.userAgent?.slice(0, 1024) ?? '').getResult();
  const location = geo.locate(request.ip);
  return {
    browserName: clip(ua.browser.name),
    browserVersion: clip(ua.browser.version),
    osName: clip(ua.os.name),
    deviceType: deviceType(ua.device.type, ua.browser.name !== undefined),
    ipAddress: request.ip,
    city: location?.city ?? null,
    country: location?.country ?? null,
  };
}

/** "Chrome 120 on macOS", for emails and logs. */
export function deviceLabel(a: Pick<SessionActivity, 'browserName' | 'browserVersion' | 'osName'>): string {
  const browser = a.browserName
    ? `${a.browserName}${a.browserVersion ? ` ${a.browserVersion.split('.')[0]}` : ''}`
    : 'Unknown browser';
  return a.osName ? `${browser} on ${a.osName}` : browser;
}
