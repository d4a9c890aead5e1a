/**
 * An unknown budget is not zero (issue 8 §3): a program whose planned budget nobody has
 * given stores null, not 0, and so do its fact rows, so sums leave it out and the dashboard
 * can say how many programs have no budget. Budgets already stored as 0 stay 0: nothing
 * tells a real zero from an empty field there. PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs
      alter column budget_planned drop not null,
      alter column budget_planned drop default`.execute(db);
  await sql`
    alter table program_area_facts
      alter column budget_planned drop not null,
      alter column budget_realised drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update program_area_facts set budget_planned = 0 where budget_planned is null`.execute(db);
  await sql`update program_area_facts set budget_realised = 0 where budget_realised is null`.execute(db);
  await sql`
    alter table program_area_facts
      alter column budget_planned set not null,
      alter column budget_realised set not null`.execute(db);
  await sql`update programs set budget_planned = 0 where budget_planned is null`.execute(db);
  await sql`
    alter table programs
      alter column budget_planned set default 0,
      alter column budget_planned set not null`.execute(db);
}
