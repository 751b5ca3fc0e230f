/** Entry point of the web app. */
// antd's styles come as one static file (zero-runtime mode, ADR 0017): no style is generated in the browser.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadFirstPage } from './App.tsx';
import { markAppStarted } from './api/early.ts';
import { probeSessionEarly } from './auth/SessionProvider.tsx';
import { keepEnterInPickers } from './lib/enterInPicker.ts';

// From here the app makes its own requests (a boot.ts arriving late starts none); the session probe's round trip
// overlaps the first render rather than following it (ADR 0017).
markAppStarted();
probeSessionEarly();
keepEnterInPickers(document);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
// The first render waits for the page at the address (its chunks are preloaded: the wait is their running), so it
// shows the page rather than a spinner followed by React's 300 ms reveal throttle; it waits 3 s at most.
void loadFirstPage(3000).then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
