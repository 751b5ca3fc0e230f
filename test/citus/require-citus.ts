/**
 * The Citus fault tests need a Citus cluster: without HUIQI_TEST_CITUS_WORKERS (and the coordinator in
 * HUIQI_TEST_DATABASE_URL) the run fails instead of skipping them.
 */
export default function requireCitus(): void {
  if (!process.env.HUIQI_TEST_CITUS_WORKERS || !process.env.HUIQI_TEST_DATABASE_URL)
    throw new Error(
      'The Citus fault tests run on a Citus cluster only: set HUIQI_TEST_DATABASE_URL to the coordinator ' +
        '(e.g. postgres://postgres@127.0.0.1:5440/postgres) and HUIQI_TEST_CITUS_WORKERS to its workers ' +
        '(e.g. 127.0.0.1:5441,127.0.0.1:5442); see docs/adr/0025-scale-out-on-citus.md, "Fault tests on Citus".',
    );
}
