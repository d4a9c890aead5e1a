/**
 * Applies read scopes in SQL: the one shared helper every module uses, so an
 * area-scoped coordinator never receives a row outside their area.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/** Escapes LIKE's wildcards so user text and codes match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** `column` within any of the prefixes; `scopes` null = no restriction, [] = nothing. */
export function areaScopeFilter<DBT, TB extends keyof DBT>(
  eb: ExpressionBuilder<DBT, TB>,
  column: string,
  scopes: string[] | null,
): Expression<SqlBool> {
  if (scopes === null) return sql<SqlBool>`true`;
  if (scopes.length === 0) return sql<SqlBool>`false`;
  return eb.or(
    scopes.flatMap((scope) => [
      eb(sql.ref(column), '=', scope),
      eb(sql.ref(column), 'like', `${escapeLike(scope)}.%`),
    ]),
  );
}

/**
 * The draft rule shared by programs and partnerships (`programVisibility` in
 * policies/programs.ts says who sees which drafts): a record is visible when it is not a
 * draft, or the reader sees all drafts in an area it lies in, or the reader belongs to
 * one of its organisations; and, for an area-scoped reader, only when it lies in their
 * areas. Each module says what "not a draft", "lies in these areas" and "belongs to
 * these organisations" mean for its rows.
 */
export function visibleRecord<DBT, TB extends keyof DBT>(
  eb: ExpressionBuilder<DBT, TB>,
  v: { scopes: string[] | null; draftOrgIds: string[]; allDrafts: boolean; draftAreas: string[] | null },
  record: {
    notDraft: Expression<SqlBool>;
    inAreas: (areas: string[]) => Expression<SqlBool>;
    ofOrganisations: (organisationIds: string[]) => Expression<SqlBool>;
  },
): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [record.notDraft];
  if (v.allDrafts) ors.push(v.draftAreas === null ? sql<SqlBool>`true` : record.inAreas(v.draftAreas));
  if (v.draftOrgIds.length > 0) ors.push(record.ofOrganisations(v.draftOrgIds));
  const conditions: Expression<SqlBool>[] = [eb.or(ors)];
  if (v.scopes !== null) conditions.push(record.inAreas(v.scopes));
  return eb.and(conditions);
}
