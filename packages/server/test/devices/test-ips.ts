/**
 * Public addresses whose location the bundled DB-IP Lite City database (pinned in
 * packages/server/package.json) knows, and User-Agents of real browsers.
 */
export const BERLIN_IP = '81.169.145.1'; // DE, Berlin
export const PARIS_IP = '217.70.184.38'; // FR, Paris
export const MOUNTAIN_VIEW_IP = '8.8.8.8'; // US, Mountain View

export const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
export const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
export const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
export const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
