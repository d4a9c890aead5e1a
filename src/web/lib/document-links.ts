/** One row of a form's document links (a title and its address), as typed. */
export type DocumentRow = { title: string; url: string };

export const EMPTY_DOCUMENT: DocumentRow = { title: '', url: '' };

/** The most document links one record carries (the contracts' limit). */
export const MAX_DOCUMENTS = 30;

const documentIsBlank = (d: DocumentRow) => d.title.trim() === '' && d.url.trim() === '';

/**
 * The documents of an API body: blank rows are left out and the rest trimmed; `documentRows[i]`
 * is the form row of the body's i-th document, so a server error on `documents.i` lands on its row.
 */
export function documentsOfRows(rows: DocumentRow[]): {
  documents: DocumentRow[];
  documentRows: number[];
} {
  const documentRows: number[] = [];
  const documents = rows.flatMap((d, row) => {
    if (documentIsBlank(d)) return [];
    documentRows.push(row);
    return [{ title: d.title.trim(), url: d.url.trim() }];
  });
  return { documents, documentRows };
}
