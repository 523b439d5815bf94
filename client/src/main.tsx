import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { retryQuery, setUnauthorizedHandler } from './api/http';
import { sessionQuery } from './features/auth/session';
import './i18n';
import { preloadPage, router } from './router';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryQuery } } });
// A 401 anywhere means the session ended (logout elsewhere, expiry): show the login page.
setUnauthorizedHandler(() => queryClient.setQueryData(sessionQuery.queryKey, null));
// The session check, the page's code and its first data go out together, rather than one after the other.
void queryClient.prefetchQuery(sessionQuery);
preloadPage(window.location, queryClient);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
