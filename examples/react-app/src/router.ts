/**
 * The smallest router that will do for four pages: the path from `location`, `navigate()`
 * through the History API, and a hook that re-renders on either. A real app uses its router's
 * `navigate` the same way (it is also what the SDK follows after sign-in and sign-out).
 */
import { useSyncExternalStore } from 'react';

const EVENT = 'example:navigate';

export function navigate(to: string): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url);
    return;
  }
  if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
};

export const usePath = (): string => useSyncExternalStore(subscribe, () => location.pathname);
