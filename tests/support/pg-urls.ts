/** Helpers to derive sibling database URLs from TEST_DATABASE_URL. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database on the same server, used to create and drop test databases. */
export function adminDatabaseUrl(url: string): string {
  return databaseUrlFor(url, 'postgres');
}
