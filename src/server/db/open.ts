/** Opens the engine the configuration asks for and brings its schema up to date. */
import type { Config } from '../config.ts';
import { type Database, openPglite, openPostgres } from './engine.ts';
import { migrateToLatest } from './migrate.ts';

export async function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
  options: { migrate?: boolean } = {},
): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.databasePoolSize)
    : await openPglite({ dataDir: config.dataDir });
  if (options.migrate !== false) {
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
