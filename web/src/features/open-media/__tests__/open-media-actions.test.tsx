import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { OpenMediaView } from '../components/open-media-view';
import { BASE, refused, viewRoutes } from './fixtures';

const sent = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');

async function setup(routes: Parameters<typeof mockFetch>[0]) {
  const { requests } = mockFetch({ ...viewRoutes(), ...routes });
  setCsrfToken('csrf-om');
  const view = renderWithProviders(<OpenMediaView canEdit />);
  await screen.findByText('om-queued');
  return { ...view, requests };
}

describe('Cancel', () => {
  it('explains both options and sends them', async () => {
    const { user, requests } = await setup({ [`POST ${BASE}/requests/om-queued/cancel`]: { status: 204 } });
    await user.click(screen.getByRole('button', { name: 'Cancel request om-queued' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel request om-queued?' });
    const allocated = within(dialog).getByRole('checkbox', {
      name: 'Also take it from an agent it is already allocated to',
    });
    expect(allocated).toHaveAccessibleDescription(/refuses to cancel a request an agent already has/);
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: "Leave it out of the group's statistics — only before it reaches an agent",
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel request' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-om');
    expect(sent(requests)[0]?.body).toEqual({ cancelIfAllocated: false, doNotReport: true });
    expect(await screen.findByText('Request om-queued cancelled.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows a refusal in words in the dialog, and keeps statistics for a request an agent has', async () => {
    const { user, requests } = await setup({
      [`POST ${BASE}/requests/om-allocated/cancel`]: refused(409, 'conflict', 'cancel_refused', {
        openMediaId: 'om-allocated',
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Cancel request om-allocated' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel request om-allocated?' });
    expect(within(dialog).getByText('An agent already has this request.')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: /statistics/ })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel request' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The MiContact Center refused to cancel request om-allocated.',
    );
    expect(sent(requests)[0]?.body).toEqual({ cancelIfAllocated: false, doNotReport: false });
  });
});

describe('Divert', () => {
  it('picks a group from the list (not the current one) and sends its ID', async () => {
    const { user, requests } = await setup({ [`POST ${BASE}/requests/om-queued/divert`]: { status: 204 } });
    await user.click(screen.getByRole('button', { name: 'Divert request om-queued' }));
    const dialog = screen.getByRole('dialog', { name: 'Divert request om-queued' });
    const select = within(dialog).getByRole('combobox', { name: /Service group/ });
    expect(within(select).getByRole('option', { name: 'Web chat (ID 1001, current group)' })).toBeDisabled();
    expect(within(select).getByRole('option', { name: 'Group 1002 (ID 1002, closed)' })).toBeEnabled();
    await user.click(within(dialog).getByRole('button', { name: 'Divert' }));
    expect(await within(dialog).findByText('Choose the service group')).toBeInTheDocument();
    expect(sent(requests)).toHaveLength(0);
    await user.selectOptions(select, 'E-mail (ID 1003)');
    await user.click(within(dialog).getByRole('button', { name: 'Divert' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.body).toEqual({ serviceGroupId: 1003 });
    expect(await screen.findByText('Request om-queued diverted to E-mail.')).toBeInTheDocument();
  });

  it('names the closed group the MiCC refused', async () => {
    const { user } = await setup({
      [`POST ${BASE}/requests/om-queued/divert`]: refused(409, 'conflict', 'group_closed'),
    });
    await user.click(screen.getByRole('button', { name: 'Divert request om-queued' }));
    const dialog = screen.getByRole('dialog', { name: 'Divert request om-queued' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Service group/ }), '1002');
    await user.click(within(dialog).getByRole('button', { name: 'Divert' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Service group Group 1002 is closed.');
  });
});

describe('Modify data', () => {
  it('sends the IVR rows typed (empty ones left out) and the private data', async () => {
    const { user, requests } = await setup({ [`PATCH ${BASE}/requests/om-queued`]: { status: 204 } });
    await user.click(screen.getByRole('button', { name: 'Modify the data of request om-queued' }));
    const dialog = screen.getByRole('dialog', { name: 'Modify the data of request om-queued' });
    await user.click(within(dialog).getByRole('button', { name: 'Save data' }));
    expect(await within(dialog).findByText('Give at least one IVR label or data')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add a row' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add a row' }));
    expect(within(dialog).queryByRole('button', { name: 'Add a row' })).not.toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Label 2' }), 'Ticket');
    await user.type(within(dialog).getByRole('textbox', { name: 'Data 2' }), '4711');
    await user.type(within(dialog).getByRole('textbox', { name: 'Data 3' }), 'x'.repeat(101));
    await user.click(within(dialog).getByRole('button', { name: 'Save data' }));
    expect(await within(dialog).findByText('Data is at most 100 characters')).toBeInTheDocument();
    await user.clear(within(dialog).getByRole('textbox', { name: 'Data 3' }));
    await user.type(within(dialog).getByRole('textbox', { name: /Private data/ }), 'vip');
    await user.click(within(dialog).getByRole('button', { name: 'Save data' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.method).toBe('PATCH');
    expect(sent(requests)[0]?.body).toEqual({
      ivrInfo: [{ label: 'Ticket', data: '4711' }],
      privateData: 'vip',
    });
  });

  it('says a refusal in words', async () => {
    const { user } = await setup({
      [`PATCH ${BASE}/requests/om-queued`]: refused(409, 'conflict', 'modify_refused'),
    });
    await user.click(screen.getByRole('button', { name: 'Modify the data of request om-queued' }));
    const dialog = screen.getByRole('dialog', { name: 'Modify the data of request om-queued' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Label 1' }), 'Ticket');
    await user.click(within(dialog).getByRole('button', { name: 'Save data' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The MiContact Center refused to change request om-queued: its data can change only while it is queued.',
    );
  });
});

describe('Add test request', () => {
  it('sends the group and the prefilled IVR data, says the result and points the new row out', async () => {
    const { user, requests } = await setup({
      [`POST ${BASE}/requests`]: {
        status: 201,
        body: { openMediaId: 'om-queued', requestStatus: 0, queuePosition: 4, ewt: 30 },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Add test request' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a test request' });
    expect(within(dialog).getByRole('textbox', { name: 'Label 1' })).toHaveValue('Test');
    expect(within(dialog).getByRole('textbox', { name: 'Data 1' })).toHaveValue('OIG test request');
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    expect(await within(dialog).findByText('Choose the service group')).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Service group/ }), '1001');
    await user.type(within(dialog).getByRole('textbox', { name: /Session priority/ }), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    expect(
      await within(dialog).findByText('Session priority is a whole number from 1 (highest) to 100'),
    ).toBeInTheDocument();
    await user.clear(within(dialog).getByRole('textbox', { name: /Session priority/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /Session priority/ }), '5');
    await user.type(within(dialog).getByRole('textbox', { name: 'Preferred agent logon ID' }), ' agent42 ');
    expect(sent(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.body).toEqual({
      serviceGroupId: 1001,
      ivrInfo: [{ label: 'Test', data: 'OIG test request' }],
      sessionPriority: 5,
      preferredAgentLogonId: 'agent42',
    });
    expect(
      await screen.findByText('Test request om-queued added: queue position 4, estimated wait 30 s.'),
    ).toBeInTheDocument();
    const row = screen.getAllByTestId('table-row').find((r) => r.dataset.rowId === 'om-queued');
    expect(row).toHaveAttribute('data-highlighted', 'true');
    expect(row).toHaveTextContent('New');
  });

  it('shows server field errors on their fields and a refusal in words', async () => {
    let answer: MockReply = {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'bad', fields: { privateData: 'Too long' } } },
    };
    const { user } = await setup({ [`POST ${BASE}/requests`]: () => answer });
    await user.click(screen.getByRole('button', { name: 'Add test request' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a test request' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Service group/ }), '1002');
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    expect(await within(dialog).findByRole('textbox', { name: /Private data/ })).toHaveAccessibleDescription(
      expect.stringContaining('Too long'),
    );
    answer = refused(409, 'conflict', 'group_closed', { serviceGroupId: '1002' });
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Service group Group 1002 is closed.');
  });
});

describe('Set Options', () => {
  it('sends only the choices made, and requires a type where the choice needs one', async () => {
    const { user, requests } = await setup({ [`PUT ${BASE}/options`]: { status: 204 } });
    await user.click(screen.getByRole('button', { name: 'Set Options' }));
    const dialog = screen.getByRole('dialog', { name: 'Set Open Media options' });
    await user.click(within(dialog).getByRole('button', { name: 'Apply options' }));
    expect(
      await within(dialog).findByText('Choose at least one option to set, or reset them all'),
    ).toBeInTheDocument();
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'When the agent already has a tab open' }),
      '4',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Apply options' }));
    expect(
      await within(dialog).findByText(
        'This choice applies to one type of session: give the type (1 or more)',
      ),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Type of session' }), '2');
    await user.type(within(dialog).getByRole('textbox', { name: /Most sessions/ }), '3');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Web links in the IVR data open' }),
      '2',
    );
    expect(sent(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Apply options' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.method).toBe('PUT');
    expect(sent(requests)[0]?.body).toEqual({
      typeOfSession: 2,
      agentActionOptions: 4,
      maxNumberOfSessions: 3,
      sessionLinkOptions: 2,
    });
    expect(await screen.findByText('The Open Media options were applied.')).toBeInTheDocument();
  });

  it('resets all options, and says a refusal in words', async () => {
    const { user, requests } = await setup({
      [`PUT ${BASE}/options`]: refused(409, 'conflict', 'options_refused'),
    });
    await user.click(screen.getByRole('button', { name: 'Set Options' }));
    const dialog = screen.getByRole('dialog', { name: 'Set Open Media options' });
    await user.click(within(dialog).getByRole('checkbox', { name: /Reset every option/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Reset and apply' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(1));
    expect(sent(requests)[0]?.body).toEqual({ resetAllOptions: true });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The MiContact Center refused these options.',
    );
  });
});
