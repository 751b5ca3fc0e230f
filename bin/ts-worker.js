// Runs a worker thread's TypeScript module from the sources (the `huiqi` command, tests, development): registers
// tsx's loader in this thread, then loads the module named by `workerData.module`. The bundle (`npm start`) has
// its workers compiled and does not use this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
