import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProvider } from './provider';
import { routes } from './router';

let router: ReturnType<typeof createBrowserRouter> | undefined;

/** One router for the page (created on first render, after i18n is initialised). */
function getRouter() {
  router ??= createBrowserRouter(routes);
  return router;
}

export function App() {
  return (
    <AppProvider>
      <RouterProvider router={getRouter()} />
    </AppProvider>
  );
}
