/**
 * The Account Portal's entry: reads the page config, creates the SDK in browser (cookie) mode
 * against this very origin (the portal is served by the Frontend API, so the `__client` cookie
 * is first-party) and renders the page with the instance's theme and language.
 */
import { Gatehouse } from '@gatehouse/js';
import { frFR, GatehouseProvider } from '@gatehouse/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './portal-app.tsx';
import { readPortalConfig } from './read-config.ts';
import './portal.css';

const config = readPortalConfig(document);
const gatehouse = new Gatehouse(config.publishable_key, { frontendApiUrl: window.location.origin });
const variables = config.appearance_variables;
// The page around the card follows the theme too.
for (const [name, css] of [
  ['colorBackground', '--portal-background'],
  ['colorText', '--portal-text'],
  ['fontFamily', '--portal-font-family'],
] as const)
  if (variables[name]) document.documentElement.style.setProperty(css, variables[name]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GatehouseProvider
      gatehouse={gatehouse}
      appearance={{ variables }}
      {...(config.localization === 'fr-FR' && { localization: frFR })}
    >
      <PortalApp config={config} />
    </GatehouseProvider>
  </StrictMode>,
);
