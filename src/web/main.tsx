/** Entry point of the web app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { probeSessionEarly } from './auth/SessionProvider.tsx';

// The session probe's round trip overlaps the first render rather than following it (ADR 0017).
probeSessionEarly();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
