/** The fault tests need a PostgreSQL server: without HUIQI_TEST_DATABASE_URL the run fails instead of skipping. */
export default function requirePostgres(): void {
  if (!process.env.HUIQI_TEST_DATABASE_URL)
    throw new Error(
      'The fault tests run on PostgreSQL only: set HUIQI_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).',
    );
}
