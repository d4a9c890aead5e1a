import { useEffect } from 'react';

/** Sets the tab title to "<page> · Simpul" (just "Simpul" without a page), so each view is named. */
export function useDocumentTitle(page: string | null | undefined) {
  useEffect(() => {
    document.title = page ? `${page} · Simpul` : 'Simpul';
  }, [page]);
}
