import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { recordDownloads } from '@/testing/downloads';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { MivoiceView } from '../components/mivoice-view';
import { mivoiceRoutes } from './fixtures';

const MUTATING_BUTTONS = [
  /^Save$/,
  /^Sync with Google$/,
  /^Add$/,
  /^Email User List$/,
  /^Replace$/,
  /^Remove$/,
];

describe('MivoiceView', () => {
  it('gives administrators the settings forms, Sync with Google, Add and Email User List', async () => {
    mockFetch(mivoiceRoutes().routes);
    renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });

    expect(screen.getByRole('heading', { name: 'MiVoice', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'Google Administrator Email' })).toHaveValue(
      'gadmin@example.com',
    );
    expect(screen.getByRole('textbox', { name: 'Google Domain' })).toHaveValue('example.com');
    expect(screen.getByTestId('google-key-status')).toHaveTextContent(
      'Key set: oig-sync@example-project.iam.gserviceaccount.com',
    );
    expect(await screen.findByRole('textbox', { name: 'Email' })).toHaveValue('exports@example.com');
    expect(screen.getAllByRole('button', { name: 'Save' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Sync with Google' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Add' })).toBeEnabled();
    expect(await screen.findByRole('button', { name: 'Email User List' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Download' })).toHaveAttribute('data-testid', 'users-download');
    expect(screen.queryByTestId('read-only-hint')).not.toBeInTheDocument();
  });

  it('shows support users everything read-only, without any control that changes something', async () => {
    mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<MivoiceView canEdit={false} />, { route: '/mivoice' });

    expect(await screen.findByTestId('google-admin-email-value')).toHaveTextContent('gadmin@example.com');
    expect(screen.getByTestId('google-domain-value')).toHaveTextContent('example.com');
    expect(screen.getByTestId('google-key-value')).toHaveTextContent(
      'Key set: oig-sync@example-project.iam.gserviceaccount.com',
    );
    expect(await screen.findByTestId('admin-email-value')).toHaveTextContent('exports@example.com');
    expect(screen.getByTestId('google-contact-count')).toHaveTextContent('1,234');
    expect(await screen.findAllByTestId('user-row')).toHaveLength(3);
    // Support downloads the user list.
    const saved = recordDownloads();
    await user.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['mivoice-users.csv']));
    expect(screen.getAllByTestId('read-only-hint').length).toBeGreaterThan(0);

    const noMutations = () => {
      for (const name of MUTATING_BUTTONS)
        expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: 'Google Administrator Email' })).not.toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: 'Email' })).not.toBeInTheDocument();
    };
    noMutations();

    await user.click(screen.getByRole('link', { name: 'Localization' }));
    expect(await screen.findAllByTestId('language-completeness')).toHaveLength(3);
    noMutations();
    expect(screen.queryByRole('button', { name: 'Email Language Strings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    // …and every language.
    expect(screen.getAllByRole('button', { name: /^Download/ }).length).toBeGreaterThan(1);
    await user.click(screen.getByRole('button', { name: 'Download French (fr)' }));
    await waitFor(() =>
      expect(saved.map((f) => f.name)).toEqual([
        'mivoice-users.csv',
        'MiVoice Integration for Google_fr.csv',
      ]),
    );
    expect(screen.queryByTestId('toast-error')).not.toBeInTheDocument();
  });

  it('makes the sub-tabs addressable: ?tab=localization opens Localization', async () => {
    mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, {
      route: '/mivoice?tab=localization&app=salesforce',
    });

    const nav = screen.getByRole('navigation', { name: 'MiVoice lists' });
    expect(within(nav).getByRole('link', { name: 'Localization' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'User List' })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('radio', { name: 'Salesforce' })).toBeChecked();
    expect(
      await screen.findByRole('region', { name: 'Languages of MiVoice Integration for Salesforce' }),
    ).toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: 'User List' }));
    expect(await screen.findByTestId('user-list-tab')).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'User List' })).toHaveAttribute('aria-current', 'page');
  });
});
