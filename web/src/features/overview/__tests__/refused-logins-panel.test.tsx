import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { RefusedLoginsPanel } from '../components/refused-logins-panel';

describe('RefusedLoginsPanel', () => {
  it('counts the last 24 hours by reason, each linking to the Refused logins view filtered by it', () => {
    renderWithProviders(
      <RefusedLoginsPanel
        summary={{
          total: 1_234,
          byReason: [
            { reason: 'bad_local_password', attempts: 1_200 },
            { reason: 'throttled', attempts: 34 },
          ],
        }}
      />,
    );
    expect(screen.getByTestId('refused-logins-total')).toHaveTextContent(
      '1,234 application login attempts refused in the last 24 hours.',
    );
    const table = screen.getByRole('table', { name: 'Refused logins by reason' });
    const wrong = within(table).getByRole('link', { name: 'Wrong local password' });
    expect(wrong).toHaveAttribute('href', '/sessions?view=refused&reason=bad_local_password');
    expect(within(table).getByRole('row', { name: /Wrong local password/ })).toHaveTextContent('1,200');
    expect(within(table).getByRole('row', { name: /Too many failed logins/ })).toHaveTextContent('34');
    expect(screen.getByRole('link', { name: 'View refused logins' })).toHaveAttribute(
      'href',
      '/sessions?view=refused',
    );
  });

  it('says none, without a table, when nothing was refused', () => {
    renderWithProviders(<RefusedLoginsPanel summary={{ total: 0, byReason: [] }} />);
    expect(screen.getByTestId('refused-logins-total')).toHaveTextContent(
      '0 application login attempts refused in the last 24 hours.',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
