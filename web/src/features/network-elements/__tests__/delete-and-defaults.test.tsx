import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { NetworkElementsView } from '../components/network-elements-view';
import { baseRoutes, ELEMENTS, LIST, MICC_DEFAULTS, MIVB_DEFAULTS, mutations } from './fixtures';

const echo = (req: { body: unknown }): MockReply => ({ body: req.body });

describe('Delete network element', () => {
  it('asks for confirmation naming the element, then sends DELETE', async () => {
    let elements = ELEMENTS;
    const { requests } = mockFetch({
      ...baseRoutes(),
      [`GET ${LIST}`]: () => ({ body: { elements } }),
      [`DELETE ${LIST}/ne-1`]: () => {
        elements = ELEMENTS.filter((e) => e.id !== 'ne-1');
        return { status: 204 };
      },
    });
    setCsrfToken('csrf-del');
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Delete network element 192.0.2.10' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete network element?' });
    expect(within(dialog).getByTestId('delete-element-name')).toHaveTextContent(
      'MiVoice Business 192.0.2.10 will be removed from the gateway.',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(mutations(requests)).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [del] = mutations(requests);
    expect(del?.method).toBe('DELETE');
    expect(del?.path).toBe(`${LIST}/ne-1`);
    expect(del?.headers.get('X-CSRF-Token')).toBe('csrf-del');
    expect(await screen.findByText('Network element 192.0.2.10 deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === LIST)).toHaveLength(2),
    );
    expect(screen.queryByText('192.0.2.10')).not.toBeInTheDocument();
    // Its Delete button is gone: focus lands on a control that still exists.
    expect(screen.getByRole('button', { name: 'Add Network Element' })).toHaveFocus();
  });

  it('sends nothing when cancelled or closed with Escape', async () => {
    const { requests } = mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    const button = screen.getByRole('button', { name: 'Delete network element 192.0.2.20' });
    await user.click(button);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);
  });

  it('shows the server message when deleting fails', async () => {
    mockFetch({
      ...baseRoutes(),
      [`DELETE ${LIST}/ne-1`]: {
        status: 404,
        body: { error: { code: 'not_found', message: 'Network element not found' } },
      },
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');
    await user.click(screen.getByRole('button', { name: 'Delete network element 192.0.2.10' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(
      await screen.findByText('The network element could not be deleted: Network element not found'),
    ).toBeInTheDocument();
  });
});

describe('Set Default Values', () => {
  it('loads and saves the MiVoice Business default values', async () => {
    const { requests } = mockFetch({ ...baseRoutes(), [`PUT ${LIST}/defaults/mivb`]: echo });
    setCsrfToken('csrf-def');
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Set Default Values' }));
    const dialog = screen.getByRole('dialog', { name: 'Set Default Values' });
    expect(dialog).toHaveAccessibleDescription(
      /Default follow these values.*Custom elements keep their own values/,
    );
    expect(within(dialog).getByRole('combobox', { name: /Default values for/ })).toHaveValue('mivb');
    const outside = await within(dialog).findByRole('textbox', { name: /Outside Prefix/ });
    expect(outside).toHaveValue(MIVB_DEFAULTS.outsidePrefix);
    expect(within(dialog).getByRole('textbox', { name: /International Prefix/ })).toHaveValue('011');
    expect(within(dialog).getByRole('list', { name: 'Local area codes' })).toHaveTextContent('613');

    await user.clear(outside);
    await user.type(outside, '8');
    await user.type(within(dialog).getByRole('textbox', { name: /^Local Area Codes/ }), '819{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [put] = mutations(requests);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`${LIST}/defaults/mivb`);
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-def');
    expect(put?.body).toEqual({ ...MIVB_DEFAULTS, outsidePrefix: '8', localAreaCodes: ['613', '819'] });
    expect(await screen.findByText('Default values for MiVoice Business saved.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Default elements show the new effective values: the list is read again.
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === LIST)).toHaveLength(2),
    );
  });

  it('loads and saves the MiContact Center default values', async () => {
    const { requests } = mockFetch({ ...baseRoutes(), [`PUT ${LIST}/defaults/micc`]: echo });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Set Default Values' }));
    const dialog = screen.getByRole('dialog', { name: 'Set Default Values' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: /Default values for/ }),
      'MiContact Center',
    );
    const protocol = await within(dialog).findByRole('combobox', { name: /Transport Protocol/ });
    expect(protocol).toHaveValue(MICC_DEFAULTS.transportProtocol);
    expect(within(dialog).queryByRole('textbox', { name: /Outside Prefix/ })).not.toBeInTheDocument();

    await user.selectOptions(protocol, 'https');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.path).toBe(`${LIST}/defaults/micc`);
    expect(mutations(requests)[0]?.body).toEqual({ transportProtocol: 'https' });
    expect(await screen.findByText('Default values for MiContact Center saved.')).toBeInTheDocument();
  });

  it('validates the default values before sending', async () => {
    const { requests } = mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Set Default Values' }));
    const dialog = screen.getByRole('dialog', { name: 'Set Default Values' });
    const length = await within(dialog).findByRole('textbox', { name: /Max Extension Length/ });
    await user.clear(length);
    await user.type(length, '12{Enter}');
    expect(length).toHaveAccessibleDescription('Max Extension Length must be between 1 and 10');
    expect(length).toHaveFocus();
    await user.clear(length);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(length).toHaveAccessibleDescription('Max Extension Length is required');
    expect(mutations(requests)).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set Default Values' })).toHaveFocus();
  });
});
