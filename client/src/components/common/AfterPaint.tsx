import { type ReactNode, Suspense, useDeferredValue } from 'react';
import { useLocale } from '../../i18n';

/**
 * Draws `children` in a second, interruptible pass after what is around it has been painted: a page's headline
 * numbers show as soon as its data arrives, and its charts and tables (hundreds of elements, the costly part of
 * the first draw) follow a moment later instead of holding the numbers back. Until then — and while any lazily
 * loaded code of theirs arrives — a placeholder of `minHeight` keeps the page from jumping.
 */
export function AfterPaint({ children, minHeight }: { children: () => ReactNode; minHeight: number }) {
  const { t } = useLocale();
  // React 19: the first render gets `false`, then a background render gets `true`.
  const ready = useDeferredValue(true, false);
  const placeholder = (
    <div className="panel-state" style={{ minHeight }} aria-busy="true">
      {t('common.loading')}
    </div>
  );
  if (!ready) return placeholder;
  return <Suspense fallback={placeholder}>{children()}</Suspense>;
}
