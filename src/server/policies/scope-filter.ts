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
