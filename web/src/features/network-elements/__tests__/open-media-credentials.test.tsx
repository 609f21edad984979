import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { NetworkElementsView } from '../components/network-elements-view';
import { baseRoutes, LIST, makeMicc, makeMivb, mutations, savedElement } from './fixtures';

const withCredentials = makeMicc('ne-3', '192.0.2.30', {
  openMediaLogonId: 'host-admin',
  openMediaPasswordSet: true,
});
const saved = (req: { body: unknown }): MockReply => ({
  body: savedElement('ne-3', req.body as Record<string, unknown>),
});

async function openEdit(elements = [makeMivb('ne-1', '192.0.2.10'), withCredentials]) {
  const { requests } = mockFetch({
    ...baseRoutes(elements),
    [`PUT ${LIST}/ne-3`]: saved,
    [`POST ${LIST}`]: saved,
  });
  const view = renderWithProviders(<NetworkElementsView canEdit />);
  await screen.findByText('192.0.2.30');
  await view.user.click(screen.getByRole('button', { name: 'Edit network element 192.0.2.30' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit Network Element' });
  return { ...view, requests, dialog };
}

describe('Open Media credentials of the MiContact Center', () => {
  it('asks for the password again when the MiCC moves to another address; refuses control characters', async () => {
    const { user, requests, dialog } = await openEdit();
    const ip = within(dialog).getByLabelText(/IP Address/);
    await user.clear(ip);
    await user.type(ip, '192.0.2.31');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/The address or transport changed: type the Open Media password again/),
    ).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);
    const logonId = within(dialog).getByLabelText('Open Media logon ID');
    await user.clear(logonId);
    await user.type(logonId, 'host\tadmin');
    await user.type(within(dialog).getByLabelText('Open Media password'), 'n3w pass');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Open Media logon ID cannot hold control characters'),
    ).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);
  });

  it('prefills the logon ID, never the password, and leaves both out when unchanged', async () => {
    const { user, requests, dialog } = await openEdit();
    const logonId = within(dialog).getByLabelText('Open Media logon ID');
    const password = within(dialog).getByLabelText('Open Media password');
    expect(logonId).toHaveValue('host-admin');
    expect(password).toHaveValue('');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAccessibleDescription('A password is stored; leave empty to keep it.');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({ type: 'micc', setup: 'default', ipAddress: '192.0.2.30' });
  });

  it('sends a new password alone, and removes the credentials when the logon ID is emptied', async () => {
    const { user, requests, dialog } = await openEdit();
    await user.type(within(dialog).getByLabelText('Open Media password'), 'n3w pass');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      type: 'micc',
      setup: 'default',
      ipAddress: '192.0.2.30',
      openMediaPassword: 'n3w pass',
    });

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Edit network element 192.0.2.30' }));
    const again = screen.getByRole('dialog', { name: 'Edit Network Element' });
    const logonId = within(again).getByLabelText('Open Media logon ID');
    expect(logonId).toHaveAccessibleDescription(
      'Saving with an empty logon ID removes the stored Open Media credentials.',
    );
    await user.clear(logonId);
    // Without a logon ID there is no password to give.
    expect(within(again).getByLabelText('Open Media password')).toBeDisabled();
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(2));
    expect(mutations(requests)[1]?.body).toEqual({
      type: 'micc',
      setup: 'default',
      ipAddress: '192.0.2.30',
      openMediaLogonId: '',
    });
  });

  it('adds a Custom MiContact Center with its credentials, and says a too long logon ID in words', async () => {
    const { requests } = mockFetch({
      ...baseRoutes([makeMivb('ne-1', '192.0.2.10')]),
      [`POST ${LIST}`]: saved,
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');
    await user.click(screen.getByRole('button', { name: 'Add Network Element' }));
    const dialog = screen.getByRole('dialog', { name: 'Add Network Element' });
    // A MiVoice Business has no credentials.
    expect(within(dialog).queryByLabelText('Open Media logon ID')).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Type/ }), 'MiContact Center');
    await user.click(within(dialog).getByRole('radio', { name: 'Custom' }));
    await user.type(within(dialog).getByRole('textbox', { name: /IP Address/ }), '192.0.2.50');
    const logonId = within(dialog).getByLabelText('Open Media logon ID');
    await user.type(logonId, 'x'.repeat(130));
    await user.type(within(dialog).getByLabelText('Open Media password'), 'secret');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Open Media logon ID is at most 128 characters'),
    ).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);

    await user.clear(logonId);
    await user.type(logonId, 'host-admin');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      type: 'micc',
      setup: 'custom',
      ipAddress: '192.0.2.50',
      transportProtocol: 'http',
      openMediaLogonId: 'host-admin',
      openMediaPassword: 'secret',
    });
  });
});

describe('the way to Open Media', () => {
  it('links the MiContact Center row to the Open Media view, for support users too', async () => {
    mockFetch(baseRoutes());
    renderWithProviders(<NetworkElementsView canEdit={false} />);
    const link = await screen.findByRole('link', {
      name: 'Open Media requests of MiContact Center 2001:db8::30',
    });
    expect(link).toHaveAttribute('href', '/network-elements/open-media');
    expect(screen.queryByTestId('open-media-hint')).not.toBeInTheDocument();
  });

  it('says how to get there when no MiContact Center exists', async () => {
    mockFetch(baseRoutes([makeMivb('ne-1', '192.0.2.10')]));
    renderWithProviders(<NetworkElementsView canEdit />);
    expect(await screen.findByTestId('open-media-hint')).toHaveTextContent(
      'Add a MiContact Center to follow its Open Media requests from this tab.',
    );
    expect(screen.queryByRole('link', { name: /Open Media/ })).not.toBeInTheDocument();
  });
});
