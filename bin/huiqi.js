#!/usr/bin/env node
// The `huiqi` command: runs the TypeScript sources through tsx's loader (no separate build step).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv);
