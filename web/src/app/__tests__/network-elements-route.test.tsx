import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NetworkElementsRoute } from '@/app/routes/network-elements';
import { adminMe, supportMe, sessionProbe } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { baseRoutes } from '../../features/network-elements/__tests__/fixtures';

describe('/network-elements route', () => {
  it('gives support users no control that changes network elements', async () => {
    mockFetch({ ...baseRoutes(), 'GET /api/v1/auth/session': sessionProbe(supportMe) });
    renderWithProviders(<NetworkElementsRoute />);
    expect(await screen.findByText('192.0.2.10')).toBeInTheDocument();
    expect(await screen.findByTestId('read-only-hint')).toBeInTheDocument();
    expect(screen.queryByTestId('add-network-element')).not.toBeInTheDocument();
    expect(screen.queryByTestId('set-default-values')).not.toBeInTheDocument();
    expect(screen.queryByTestId('check-now')).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('edit-element')).toHaveLength(0);
    expect(screen.queryAllByTestId('delete-element')).toHaveLength(0);
    expect(document.title).toBe('Network Elements – Mitel Open Integration Gateway');
  });

  it('gives administrators every control', async () => {
    mockFetch({ ...baseRoutes(), 'GET /api/v1/auth/session': sessionProbe(adminMe) });
    renderWithProviders(<NetworkElementsRoute />);
    expect(await screen.findByTestId('add-network-element')).toBeInTheDocument();
    expect(screen.getByTestId('set-default-values')).toBeInTheDocument();
    expect(screen.getByTestId('check-now')).toBeInTheDocument();
    expect(await screen.findAllByTestId('edit-element')).toHaveLength(3);
    expect(screen.getAllByTestId('delete-element')).toHaveLength(3);
  });
});
