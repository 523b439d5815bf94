import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocale } from '../../i18n';

interface Props<T> {
  query: UseQueryResult<T>;
  /** Treats the loaded data as empty (no rows, no counts). */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
  minHeight?: number;
}

/** Loading, empty and error states of every data view, in one place. */
export function LoadingPanel<T>({ query, isEmpty, children, minHeight = 120 }: Props<T>) {
  const { t } = useLocale();
  if (query.isPending) {
    return (
      <div className="panel-state" style={{ minHeight }} aria-busy="true">
        {t('common.loading')}
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="panel-state panel-error" role="alert" style={{ minHeight }}>
        {t('common.error', { message: query.error.message })}{' '}
        <button type="button" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) {
    return (
      <div className="panel-state" style={{ minHeight }}>
        {t('common.empty')}
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
