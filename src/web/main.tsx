/** Entry point of the web app. */
// antd's styles come as one static file (zero-runtime mode, ADR 0017): no style is generated in the browser.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { markAppStarted } from './api/early.ts';
import { probeSessionEarly } from './auth/SessionProvider.tsx';

// From here the app makes its own requests (a boot.ts arriving late starts none); the session probe's round trip
// overlaps the first render rather than following it (ADR 0017).
markAppStarted();
probeSessionEarly();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
