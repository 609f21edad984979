import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '@/lib/format';
import { i18n } from '@/lib/i18n';
import { renderWithProviders } from '@/testing/render';
import { AccountsView } from '../components/accounts-view';
import { ACL_APPS, accountsApi, makeAcl, makeAclApp, mutations } from './fixtures';

const fmt = createFormatters('en');

describe('Application list in use', () => {
  it('names the list in use, its kind and when it was loaded, and the MCS it comes from', async () => {
    accountsApi();
    renderWithProviders(<AccountsView canEdit />);
    expect(await screen.findByTestId('acl-source-line')).toHaveTextContent(
      `Application list: bff/assets/demo-acl.json (bundled), loaded ${fmt.dateTime('2025-03-04T10:00:00.000Z')}`,
    );
    expect(screen.getByTestId('acl-mcs-url')).toHaveTextContent(
      'Mitel Certificate Server: https://mcs.example.com/acl',
    );
    expect(screen.getByRole('button', { name: 'Get the latest application list' })).toBeEnabled();
  });

  it('gets the latest list from the MCS with a busy state, then shows its source and time', async () => {
    const fetched = makeAcl({
      source: 'https://mcs.example.com/acl',
      sourceKind: 'mcs',
      loadedAt: '2025-06-07T12:30:00.000Z',
      lastFetch: { at: '2025-06-07T12:30:00.000Z', ok: true, error: null, reason: null },
      applications: [...ACL_APPS, makeAclApp({ companyName: 'Hooli', applicationName: 'Presence Sync' })],
    });
    let current = makeAcl();
    let release: () => void = () => {};
    const api = accountsApi(
      {},
      {
        'GET /api/v1/acl': () => ({ body: current }),
        'POST /api/v1/acl/refresh': () =>
          new Promise((resolve) => {
            release = () => {
              current = fetched;
              resolve({ body: fetched });
            };
          }),
      },
    );
    const view = renderWithProviders(<AccountsView canEdit />);
    const link = await screen.findByRole('button', { name: 'Get the latest application list' });
    await view.user.click(link);

    await waitFor(() => expect(link).toHaveAttribute('aria-busy', 'true'));
    expect(link).toBeDisabled();
    release();

    expect(await screen.findByText('Application list updated: 6 applications.')).toBeInTheDocument();
    expect(screen.getByTestId('acl-source-line')).toHaveTextContent(
      `Application list: https://mcs.example.com/acl (Mitel Certificate Server), loaded ${fmt.dateTime('2025-06-07T12:30:00.000Z')}`,
    );
    expect(screen.getByTestId('acl-last-fetch')).toHaveTextContent(
      'Last fetched from the Mitel Certificate Server',
    );
    expect(link).not.toHaveAttribute('aria-busy');
    // The new application is offered for a local password.
    expect(
      within(screen.getByTestId('create-account-panel')).getByRole('option', {
        name: 'Presence Sync — Hooli (Standard)',
      }),
    ).toBeInTheDocument();
    expect(mutations(api.requests).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/acl/refresh']);
  });

  it('shows the server text when the MCS fails and keeps the previous list and rows', async () => {
    const message =
      'The Mitel Certificate Server could not be reached (timeout); the previous application list stays in use';
    const failedAcl = makeAcl({
      lastFetch: { at: '2025-06-07T12:30:00.000Z', ok: false, error: 'timeout', reason: null },
    });
    let current = makeAcl();
    accountsApi(
      {},
      {
        'GET /api/v1/acl': () => ({ body: current }),
        'POST /api/v1/acl/refresh': () => {
          current = failedAcl;
          return { status: 502, body: { error: { code: 'upstream_failed', message } } };
        },
      },
    );
    const view = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');
    await view.user.click(screen.getByRole('button', { name: 'Get the latest application list' }));

    expect(await within(screen.getByTestId('acl-refresh-error')).findByRole('alert')).toHaveTextContent(
      message,
    );
    expect(screen.getByTestId('acl-source-line')).toHaveTextContent(
      'Application list: bff/assets/demo-acl.json (bundled)',
    );
    expect(within(screen.getByTestId('accounts-table')).getAllByTestId('table-row')).toHaveLength(3);
    expect(within(screen.getByTestId('create-account-panel')).getAllByRole('option')).toHaveLength(3);
    // The recorded failure is not repeated while the fresh error is shown.
    expect(screen.queryByTestId('acl-last-fetch-error')).not.toBeInTheDocument();
  });

  it('shows a failed earlier fetch recorded by the server', async () => {
    accountsApi({
      acl: makeAcl({
        lastFetch: {
          at: '2025-06-07T12:30:00.000Z',
          ok: false,
          error: 'HTTP 500 from the MCS.',
          reason: null,
        },
      }),
    });
    renderWithProviders(<AccountsView canEdit />);
    expect(await screen.findByTestId('acl-last-fetch-error')).toHaveTextContent(
      `The last attempt to get the application list (${fmt.dateTime('2025-06-07T12:30:00.000Z')}) failed: HTTP 500 from the MCS. The previous list stays in use.`,
    );
  });

  it('without a Mitel Certificate Server, disables the link and says why', async () => {
    const { requests } = accountsApi({
      acl: makeAcl({ mcsUrl: null, sourceKind: 'file', source: '/etc/oig/acl.json' }),
    });
    const view = renderWithProviders(<AccountsView canEdit />);
    const link = await screen.findByRole('button', { name: 'Get the latest application list' });
    const reason =
      'No Mitel Certificate Server is configured (OIG_MCS_URL): the application list from the file is in use.';
    expect(link).toBeDisabled();
    expect(link).toHaveAccessibleDescription(reason);
    expect(screen.getByTestId('acl-no-mcs')).toHaveTextContent(reason);
    expect(screen.getByTestId('acl-source-line')).toHaveTextContent(
      'Application list: /etc/oig/acl.json (file)',
    );
    expect(screen.queryByTestId('acl-mcs-url')).not.toBeInTheDocument();
    await view.user.click(link);
    expect(mutations(requests)).toHaveLength(0);
  });

  it('says a recorded failure in the console language from its code, and the server text for an unknown code', async () => {
    await i18n.changeLanguage('fr');
    const frFmt = createFormatters('fr');
    const at = '2025-06-07T12:30:00.000Z';
    accountsApi({
      acl: makeAcl({
        lastFetch: {
          at,
          ok: false,
          error: 'Could not get the application list from https://mcs.example.com/acl: no complete answer.',
          reason: { code: 'timeout', params: { ms: 5000 } },
        },
      }),
    });
    const view = renderWithProviders(<AccountsView canEdit />);
    expect(await screen.findByTestId('acl-last-fetch-error')).toHaveTextContent(
      new RegExp(
        `^La dernière tentative d’obtention de la liste des applications \\(${frFmt.dateTime(at)}\\) a échoué : ` +
          'pas de réponse complète en 5\\s000 ms \\(délai dépassé\\)\\. La liste précédente reste utilisée\\.$',
      ),
    );
    view.unmount();

    // A code this console does not know (a newer server): the server's English text.
    accountsApi({
      acl: makeAcl({
        lastFetch: {
          at,
          ok: false,
          error: 'Something new went wrong.',
          reason: { code: 'quantum', params: {} },
        },
      }),
    });
    renderWithProviders(<AccountsView canEdit />);
    expect(await screen.findByTestId('acl-last-fetch-error')).toHaveTextContent(
      'a échoué : Something new went wrong. La liste précédente reste utilisée.',
    );
  });

  it('says the failure of a refresh just made in the console language (502 reason mcs_fetch_failed)', async () => {
    await i18n.changeLanguage('fr');
    const message =
      'Could not get the application list from https://mcs.example.com/acl: connection refused.';
    accountsApi(
      {},
      {
        'POST /api/v1/acl/refresh': () => ({
          status: 502,
          body: {
            error: {
              code: 'upstream_failed',
              message,
              reason: 'mcs_fetch_failed',
              params: {
                failure: 'http_status',
                status: '503',
                statusText: 'Service Unavailable',
                url: 'https://mcs.example.com/acl',
                source: 'bundled demo ACL',
              },
            },
          },
        }),
      },
    );
    const view = renderWithProviders(<AccountsView canEdit />);
    await view.user.click(
      await screen.findByRole('button', { name: 'Obtenir la dernière liste des applications' }),
    );
    expect(await within(screen.getByTestId('acl-refresh-error')).findByRole('alert')).toHaveTextContent(
      'Impossible d’obtenir la liste des applications depuis https://mcs.example.com/acl : ' +
        'le serveur a répondu HTTP 503. La liste précédente (bundled demo ACL) reste utilisée.',
    );
  });
});
