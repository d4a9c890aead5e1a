import { Pagination, type PaginationProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The pager under a list: nothing when everything fits on one page; otherwise page buttons whose
 * spoken names say what they do ("Halaman 3", "Halaman berikutnya"). A page past the end (the
 * list shrank while its URL kept the page) shows as the last page.
 */
export function ListPager({
  pages,
  page,
  onChange,
  ...props
}: { pages: number; page: number; onChange: (page: number) => void } & Omit<
  PaginationProps,
  'total' | 'value' | 'onChange'
>) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <Pagination
      total={pages}
      value={Math.min(page, pages)}
      onChange={onChange}
      size="sm"
      getControlProps={(control) => ({ 'aria-label': t(`areas.children.pager.${control}`) })}
      getItemProps={(item) => ({ 'aria-label': t('areas.children.pager.page', { page: item }) })}
      {...props}
    />
  );
}
