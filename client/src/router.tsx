import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy } from 'react';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { Layout } from './components/common/Layout';

// Each page is its own chunk, so the charts library loads with the pages that draw charts. When the app starts on
// a page, its chunk is asked for at once (`preloadPage`), so that it loads while the session is checked instead of
// after; a page module may also give a `prefetch` that asks for the page's first data as soon as it has loaded.
type PageModule = { default: ComponentType; prefetch?: (qc: QueryClient, search: string) => void };
const pages: Record<string, () => Promise<PageModule>> = {
  overview: () =>
    import('./features/overview/OverviewPage').then((m) => ({ default: m.OverviewPage, prefetch: m.prefetchOverview })),
  targets: () => import('./features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })),
  target: () => import('./features/targets/TargetDetailPage').then((m) => ({ default: m.TargetDetailPage })),
  documents: () => import('./features/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })),
  document: () => import('./features/documents/DocumentPage').then((m) => ({ default: m.DocumentPage })),
  region: () => import('./features/regions/RegionPage').then((m) => ({ default: m.RegionPage })),
  import: () => import('./features/actuals/ImportPage').then((m) => ({ default: m.ImportPage })),
  account: () => import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })),
  audit: () => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
  users: () => import('./features/users/UsersPage').then((m) => ({ default: m.UsersPage })),
  briefing: () => import('./features/briefing/BriefingPage').then((m) => ({ default: m.BriefingPage })),
  indicators: () => import('./features/indicators/IndicatorsPage').then((m) => ({ default: m.IndicatorsPage })),
  indicator: () => import('./features/indicators/IndicatorPage').then((m) => ({ default: m.IndicatorPage })),
  theme: () => import('./features/themes/ThemePage').then((m) => ({ default: m.ThemePage })),
};

const routes: { path?: string; index?: true; page: string }[] = [
  { index: true, page: 'overview' },
  { path: 'account', page: 'account' },
  { path: 'targets', page: 'targets' },
  { path: 'targets/:id', page: 'target' },
  { path: 'documents', page: 'documents' },
  { path: 'documents/:id', page: 'document' },
  { path: 'regions/:code', page: 'region' },
  { path: 'themes/:key', page: 'theme' },
  { path: 'indicators', page: 'indicators' },
  { path: 'indicators/:id', page: 'indicator' },
  { path: 'import', page: 'import' },
  { path: 'briefing', page: 'briefing' },
  { path: 'audit', page: 'audit' },
  { path: 'users', page: 'users' },
];

/** Each page's module is loaded once; `lazy` and the start-up preload share the same promise. */
const loaded = new Map<string, Promise<PageModule>>();
function load(page: string): Promise<PageModule> {
  let p = loaded.get(page);
  if (!p) {
    const importPage = pages[page];
    if (!importPage) throw new Error(`no page ${page}`);
    p = importPage();
    loaded.set(page, p);
  }
  return p;
}
const routeObjects: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: routes.map(({ path, index, page }) => {
      const Page = lazy(() => load(page));
      return index ? { index, element: <Page />, handle: page } : { path, element: <Page />, handle: page };
    }),
  },
];

/**
 * Starts loading the page at `location`, if it is one, and then its first data; a failed load is tried again when
 * the page is shown.
 */
export function preloadPage(location: { pathname: string; search: string }, qc: QueryClient): void {
  const page = matchRoutes(routeObjects, location.pathname)?.at(-1)?.route.handle as string | undefined;
  if (!page) return;
  load(page).then(
    (m) => m.prefetch?.(qc, location.search),
    () => loaded.delete(page),
  );
}

export const router = createBrowserRouter(routeObjects);
