/**
 * The audit chain no longer serialises whole write transactions (issue 9 §3). Until now
 * recordAudit took one advisory lock and held it until its transaction committed, so every
 * write in the system waited for every other write's remaining work (the program create's
 * fact rewrite, say). Now a transaction appends its entries to `audit_pending` without any
 * lock, and a deferred constraint trigger links them into `audit_log` at commit: it locks the
 * one `audit_head` row, chains the entry onto the head's hash and moves it. The lock is held
 * for that insert and the commit only, and the chain stays one sequence in id order, so a
 * reader still walks it from the genesis hash.
 *
 * New entries use hash scheme 2: hash = SHA-256(prev_hash ‖ content digest), the digest being
 * SHA-256 of the entry's canonical JSON computed by the application; the database only joins
 * two hex strings, so no JSON canonicalisation is written in SQL. Entries written before this
 * migration keep scheme 1 and verify as they always did.
 *
 * `audit_checkpoints` stores signed heads (`simpul audit:checkpoint`): a chain shorter than
 * or diverging from a checkpoint fails verification, which closes the "delete from the end"
 * gap. PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // "if not exists": after a down, the column (kept for the scheme-2 entries) is still there.
  await sql`alter table audit_log add column if not exists hash_scheme smallint not null default 1`.execute(
    db,
  );
  // Every entry says which scheme its hash uses; only the seal trigger writes new ones.
  await sql`alter table audit_log alter column hash_scheme drop default`.execute(db);
  await sql`alter table audit_log add constraint audit_log_hash_scheme_known check (hash_scheme in (1, 2))`.execute(
    db,
  );

  await sql`
    create table audit_pending (
      id bigserial primary key,
      occurred_at timestamptz not null,
      actor_user_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      request_id text,
      content_digest text not null check (content_digest ~ '^[0-9a-f]{64}$')
    )`.execute(db);

  // The chain's head, one row: appends lock it for the moment of linking. It is a pointer for
  // appending, not evidence: verification recomputes the chain from the entries themselves.
  await sql`
    create table audit_head (
      singleton boolean primary key default true check (singleton),
      entry_id bigint,
      hash text not null
    )`.execute(db);
  await sql`
    insert into audit_head (singleton, entry_id, hash)
    select true, last.id, coalesce(last.hash, repeat('0', 64))
    from (select 1) one
    left join lateral (select id, hash from audit_log order by id desc limit 1) last on true`.execute(db);

  await sql`
    create function audit_seal() returns trigger language plpgsql as $$
    declare
      prev text;
      sealed_hash text;
      sealed_id bigint;
    begin
      -- FOR UPDATE waits for a concurrent seal and then reads the head it left behind.
      select hash into strict prev from audit_head for update;
      sealed_hash := encode(sha256(convert_to(prev || new.content_digest, 'UTF8')), 'hex');
      insert into audit_log (occurred_at, actor_user_id, actor_label, action, entity_type, entity_id,
                             before, after, ip, request_id, prev_hash, hash, hash_scheme)
      values (new.occurred_at, new.actor_user_id, new.actor_label, new.action, new.entity_type,
              new.entity_id, new.before, new.after, new.ip, new.request_id, prev, sealed_hash, 2)
      returning id into sealed_id;
      update audit_head set entry_id = sealed_id, hash = sealed_hash;
      delete from audit_pending where id = new.id;
      return null;
    end $$`.execute(db);
  // Deferred: fires at commit, in the order the entries were recorded.
  await sql`
    create constraint trigger audit_pending_seal after insert on audit_pending
    deferrable initially deferred
    for each row execute function audit_seal()`.execute(db);

  await sql`
    create table audit_checkpoints (
      id bigserial primary key,
      created_at timestamptz not null,
      sequence bigint not null check (sequence >= 0),
      entry_id bigint,
      hash text not null,
      signature text not null
    )`.execute(db);
  await sql`
    create function audit_checkpoints_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_checkpoints is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
    for each row execute function audit_checkpoints_append_only()`.execute(db);
  await sql`
    create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_checkpoints_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists audit_checkpoints, audit_pending, audit_head`.execute(db);
  await sql`drop function if exists audit_checkpoints_append_only`.execute(db);
  await sql`drop function if exists audit_seal`.execute(db);
  // The column stays: scheme-2 entries need it to verify. Appends go back to scheme 1 by default.
  await sql`alter table audit_log drop constraint if exists audit_log_hash_scheme_known`.execute(db);
  await sql`alter table audit_log alter column hash_scheme set default 1`.execute(db);
}
