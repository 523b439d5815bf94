import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type Key, type ReactNode } from 'react';
import { LoadingPanel } from './LoadingPanel';
import { Pager } from './Pager';

interface Props<T> {
  /** A page of rows as the API serves it. */
  query: UseQueryResult<{ items: T[]; total: number }>;
  /** The page shown, from 1, and the rows per page the API was asked for. */
  page: number;
  pageSize: number;
  /** Called with the page to show (the caller keeps it in the URL). */
  onPage: (page: number) => void;
  /** The header row(s), `<tr>` elements. */
  head: ReactNode;
  rowKey: (item: T) => Key;
  /** One item's row(s): a `<tr>`, or several in a fragment. */
  row: (item: T) => ReactNode;
  className?: string;
  /** Names the table for screen readers. */
  caption?: string;
  minHeight?: number;
}

/**
 * A paged data table: loading, empty and error states, the horizontally scrolling table and the pager under
 * it, the same on every list page.
 */
export function PagedTable<T>({
  query,
  page,
  pageSize,
  onPage,
  head,
  rowKey,
  row,
  className = 'data',
  caption,
  minHeight = 300,
}: Props<T>) {
  return (
    <LoadingPanel query={query} isEmpty={(l) => l.total === 0} minHeight={minHeight}>
      {(l) => (
        <>
          <div className="table-scroll">
            <table className={className}>
              {caption !== undefined && <caption className="sr-only">{caption}</caption>}
              <thead>{head}</thead>
              <tbody>
                {l.items.map((item) => (
                  <Fragment key={rowKey(item)}>{row(item)}</Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={Math.max(1, Math.ceil(l.total / pageSize))} total={l.total} onPage={onPage} />
        </>
      )}
    </LoadingPanel>
  );
}
