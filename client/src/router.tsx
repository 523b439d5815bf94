import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './components/common/Layout';

// Each page is its own chunk, so the charts library loads with the pages that draw charts.
const OverviewPage = lazy(() => import('./features/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const TargetsPage = lazy(() => import('./features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const TargetDetailPage = lazy(() =>
  import('./features/targets/TargetDetailPage').then((m) => ({ default: m.TargetDetailPage })),
);
const DocumentsPage = lazy(() =>
  import('./features/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })),
);
const DocumentPage = lazy(() => import('./features/documents/DocumentPage').then((m) => ({ default: m.DocumentPage })));
const RegionPage = lazy(() => import('./features/regions/RegionPage').then((m) => ({ default: m.RegionPage })));
const ImportPage = lazy(() => import('./features/actuals/ImportPage').then((m) => ({ default: m.ImportPage })));
const AccountPage = lazy(() => import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const BriefingPage = lazy(() => import('./features/briefing/BriefingPage').then((m) => ({ default: m.BriefingPage })));
const IndicatorsPage = lazy(() =>
  import('./features/indicators/IndicatorsPage').then((m) => ({ default: m.IndicatorsPage })),
);
const IndicatorPage = lazy(() =>
  import('./features/indicators/IndicatorPage').then((m) => ({ default: m.IndicatorPage })),
);
const ThemePage = lazy(() => import('./features/themes/ThemePage').then((m) => ({ default: m.ThemePage })));

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'targets', element: <TargetsPage /> },
      { path: 'targets/:id', element: <TargetDetailPage /> },
      { path: 'documents', element: <DocumentsPage /> },
      { path: 'documents/:id', element: <DocumentPage /> },
      { path: 'regions/:code', element: <RegionPage /> },
      { path: 'themes/:key', element: <ThemePage /> },
      { path: 'indicators', element: <IndicatorsPage /> },
      { path: 'indicators/:id', element: <IndicatorPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'briefing', element: <BriefingPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'users', element: <UsersPage /> },
    ],
  },
]);
