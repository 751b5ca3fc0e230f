#!/usr/bin/env node
// The `huiqi` command: runs the server bundle (built on first use and whenever the sources change; ADR 0005),
// the same code `npm start` serves. `npm run huiqi` runs the TypeScript sources directly instead.
import { serverBundle } from './bundle.js';

const { runCli } = await import(await serverBundle());
await runCli(process.argv);
