/** Public surface of the demo: the seed, its logins and password, and its seeded random numbers (tests, benchmarks). */
export { DEMO_PASSWORD, type DemoLogin, listDemoLogins, prng, seedDemo } from './demo.service.ts';
