import { useLocale } from '../../i18n';

interface Props {
  page: number;
  pages: number;
  total: number;
  /** Called with the page to show (the caller keeps it in the URL). */
  onPage: (page: number) => void;
}

/** Previous / “page p of n, total” / next under a paged table. */
export function Pager({ page, pages, total, onPage }: Props) {
  const { t } = useLocale();
  return (
    <nav className="pager" aria-label="pagination">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.page', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
