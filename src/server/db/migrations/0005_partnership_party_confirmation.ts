/**
 * Party confirmation (docs/partnerships.md): naming an organisation as a party to an
 * agreement no longer makes it one without its consent. Each party is `invited` until
 * that organisation (or a coordinator of its area, or a platform administrator)
 * confirms it, or it declines.
 *
 * Parties recorded before this migration become `confirmed`, so the durability figures
 * of existing agreements do not change silently on upgrade. The default is then dropped:
 * every new party row must say what it is, so no code path can confirm by forgetting.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table partnership_parties
      add column confirmation text not null default 'confirmed'
        check (confirmation in ('invited','confirmed','declined'))`.execute(db);
  await sql`alter table partnership_parties alter column confirmation drop default`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table partnership_parties drop column confirmation`.execute(db);
}
