/**
 * One set of migrations for both engines, applied at start and by `simpul migrate`.
 * Migrations are imported statically (not read from a folder) so the list is the
 * same whether we run from source or a bundle.
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_areas.ts';
import * as m0002 from './migrations/0002_organisations_accounts_audit.ts';
import * as m0003 from './migrations/0003_programs_partnerships.ts';
import * as m0004 from './migrations/0004_program_imports.ts';
import * as m0005 from './migrations/0005_partnership_party_confirmation.ts';
import * as m0006 from './migrations/0006_sign_in_throttle.ts';
import * as m0007 from './migrations/0007_unknown_budget.ts';
import * as m0008 from './migrations/0008_figure_aggregates.ts';
import * as m0009 from './migrations/0009_audit_streams.ts';

const migrations: Record<string, Migration> = {
  '0001_areas': m0001,
  '0002_organisations_accounts_audit': m0002,
  '0003_programs_partnerships': m0003,
  '0004_program_imports': m0004,
  '0005_partnership_party_confirmation': m0005,
  '0006_sign_in_throttle': m0006,
  '0007_unknown_budget': m0007,
  '0008_figure_aggregates': m0008,
  '0009_audit_streams': m0009,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return result;
}
