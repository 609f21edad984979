import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { NetworkElementsView } from '../components/network-elements-view';
import { baseRoutes, conflict, LIST, makeMivb, mutations, savedElement } from './fixtures';

const created = (req: { body: unknown }): MockReply => ({
  status: 201,
  body: savedElement('ne-new', req.body as Record<string, unknown>),
});

async function openAdd(user: ReturnType<typeof renderWithProviders>['user']) {
  await screen.findByText('192.0.2.10');
  await user.click(screen.getByRole('button', { name: 'Add Network Element' }));
  return screen.getByRole('dialog', { name: 'Add Network Element' });
}

describe('Add / Edit Network Element', () => {
  it('adds a Default MiVoice Business with exactly {type, setup, ipAddress}, showing the defaults it will use', async () => {
    const { requests } = mockFetch({ ...baseRoutes(), [`POST ${LIST}`]: created });
    setCsrfToken('csrf-add');
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    expect(within(dialog).getByRole('combobox', { name: /Type/ })).toHaveValue('mivb');
    expect(within(dialog).getByRole('radio', { name: 'Default' })).toBeChecked();
    // Only the IP address to type; the defaults are shown read-only.
    expect(within(dialog).queryByRole('textbox', { name: /Outside Prefix/ })).not.toBeInTheDocument();
    const summary = await within(dialog).findByText('This element will use the default values:');
    expect(summary.parentElement).toHaveTextContent('Outside Prefix9');
    expect(summary.parentElement).toHaveTextContent('Local Area Codes613');

    await user.type(within(dialog).getByRole('textbox', { name: /IP Address/ }), ' 192.0.2.99 ');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [post] = mutations(requests);
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe(LIST);
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-add');
    expect(post?.body).toEqual({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.99' });
    expect(await screen.findByText('Network element 192.0.2.99 added.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The list is read again.
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === LIST)).toHaveLength(2),
    );
  });

  it('says which Local Area Code is wrong under the list, and sends nothing', async () => {
    const { requests } = mockFetch({ ...baseRoutes(), [`POST ${LIST}`]: created });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);
    await user.click(within(dialog).getByRole('radio', { name: 'Custom' }));
    const field = (name: RegExp) => within(dialog).getByRole('textbox', { name });
    await waitFor(() => expect(field(/Outside Prefix/)).toHaveValue('9'));
    await user.type(field(/IP Address/), '192.0.2.77');
    await user.type(field(/^Local Area Codes/), '61x{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('Local Area Code 61x accepts digits only')).toBeInTheDocument();
    expect(field(/^Local Area Codes/)).toHaveAccessibleDescription(
      expect.stringContaining('Local Area Code 61x accepts digits only'),
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('adds a Custom MiVoice Business with every field, local area codes as a list', async () => {
    const { requests } = mockFetch({
      ...baseRoutes([makeMivb('ne-1', '192.0.2.10')]),
      [`POST ${LIST}`]: created,
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    await user.click(within(dialog).getByRole('radio', { name: 'Custom' }));
    const field = (name: RegExp) => within(dialog).getByRole('textbox', { name });
    // Custom fields start from the current default values.
    await waitFor(() => expect(field(/Outside Prefix/)).toHaveValue('9'));
    expect(within(dialog).getByRole('list', { name: 'Local area codes' })).toHaveTextContent('613');

    await user.type(field(/IP Address/), '2001:db8::99');
    for (const [name, value] of [
      [/Outside Prefix/, '8'],
      [/Local Country Code/, '33'],
      [/Long Distance Prefix/, '0'],
      [/International Prefix/, '00'],
      [/Max Extension Length/, '4'],
      [/Inbound Trunk Service Digits/, '55'],
    ] as const) {
      await user.clear(field(name));
      await user.type(field(name), value);
    }
    // Remove the default code, add two with a comma and Enter, then one with the Add button.
    await user.click(within(dialog).getByRole('button', { name: 'Remove local area code 613' }));
    await user.type(field(/^Local Area Codes/), '819, 873{Enter}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.type(field(/^Local Area Codes/), '905');
    await user.click(within(dialog).getByRole('button', { name: 'Add local area codes' }));
    expect(within(dialog).getByRole('list', { name: 'Local area codes' })).toHaveTextContent('819873905');
    // Typed but not added: still sent.
    await user.type(field(/^Local Area Codes/), '416');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      type: 'mivb',
      setup: 'custom',
      ipAddress: '2001:db8::99',
      outsidePrefix: '8',
      localCountryCode: '33',
      longDistancePrefix: '0',
      internationalPrefix: '00',
      localAreaCodes: ['819', '873', '905', '416'],
      maxExtensionLength: '4',
      inboundTrunkServiceDigits: '55',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('adds a Custom MiContact Center with its transport protocol', async () => {
    const { requests } = mockFetch({
      ...baseRoutes([makeMivb('ne-1', '192.0.2.10')]),
      [`POST ${LIST}`]: created,
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Type/ }), 'MiContact Center');
    await user.click(within(dialog).getByRole('radio', { name: 'Custom' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Transport Protocol/ }), 'https');
    await user.type(within(dialog).getByRole('textbox', { name: /IP Address/ }), '192.0.2.50{Enter}');

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      type: 'micc',
      setup: 'custom',
      ipAddress: '192.0.2.50',
      transportProtocol: 'https',
    });
  });

  it('validates with the shared schema before sending, naming the fields', async () => {
    const { requests } = mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    await user.click(within(dialog).getByRole('radio', { name: 'Custom' }));
    const ip = within(dialog).getByRole('textbox', { name: /IP Address/ });
    const country = within(dialog).getByRole('textbox', { name: /Local Country Code/ });
    await user.type(ip, '192.0.2.300');
    await user.clear(country);
    await user.type(country, '4a');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(ip).toHaveAccessibleDescription(/IP Address must be an IPv4 \(e\.g\. 192\.0\.2\.10\) or IPv6/);
    expect(ip).toHaveAttribute('aria-invalid', 'true');
    expect(country).toHaveAccessibleDescription('Local Country Code accepts digits only');
    expect(country).toHaveAttribute('aria-invalid', 'true');
    // Focus goes to the first field in error.
    expect(ip).toHaveFocus();
    expect(mutations(requests)).toHaveLength(0);

    // An empty address is "required"; correcting a field clears its message.
    await user.clear(ip);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(ip).toHaveAccessibleDescription(/IP Address is required/);
    await user.type(ip, '1');
    expect(ip).not.toHaveAttribute('aria-invalid');
    expect(mutations(requests)).toHaveLength(0);
  });

  it('shows the server 409 for a duplicate IP address on the IP Address field', async () => {
    mockFetch({
      ...baseRoutes(),
      [`POST ${LIST}`]: conflict('A network element with this IP address exists', {
        ipAddress: 'IP Address 192.0.2.10 is already configured',
      }),
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    const ip = within(dialog).getByRole('textbox', { name: /IP Address/ });
    await user.type(ip, '192.0.2.10{Enter}');
    await waitFor(() =>
      expect(ip).toHaveAccessibleDescription(/IP Address 192\.0\.2\.10 is already configured/),
    );
    expect(ip).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Add Network Element' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('shows the server 409 for a second MiContact Center on the Type field, and a message without fields as an alert', async () => {
    let answer: MockReply = conflict('Only one MiContact Center is allowed', {
      type: 'Only one MiContact Center is allowed',
    });
    // The list the console has shows no MiCC yet (another administrator just added one).
    mockFetch({ ...baseRoutes([makeMivb('ne-1', '192.0.2.10')]), [`POST ${LIST}`]: () => answer });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    const dialog = await openAdd(user);

    const type = within(dialog).getByRole('combobox', { name: /Type/ });
    await user.selectOptions(type, 'MiContact Center');
    await user.type(within(dialog).getByRole('textbox', { name: /IP Address/ }), '192.0.2.40');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(type).toHaveAccessibleDescription('Only one MiContact Center is allowed'));
    expect(type).toHaveAttribute('aria-invalid', 'true');

    answer = conflict('The gateway already has 250 MiVoice Business elements');
    await user.selectOptions(type, 'MiVoice Business');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The gateway already has 250 MiVoice Business elements',
    );
  });

  it('edits an element prefilled and saves it with PUT; type and setup may change', async () => {
    const { requests } = mockFetch({
      ...baseRoutes(),
      [`PUT ${LIST}/ne-2`]: (req) => ({ body: savedElement('ne-2', req.body as Record<string, unknown>) }),
    });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.20');

    await user.click(screen.getByRole('button', { name: 'Edit network element 192.0.2.20' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Network Element' });
    expect(within(dialog).getByRole('combobox', { name: /Type/ })).toHaveValue('mivb');
    expect(within(dialog).getByRole('radio', { name: 'Custom' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: /IP Address/ })).toHaveValue('192.0.2.20');
    const outside = within(dialog).getByRole('textbox', { name: /Outside Prefix/ });
    expect(outside).toHaveValue('8');
    expect(within(dialog).getByRole('list', { name: 'Local area codes' })).toHaveTextContent('819873');

    await user.clear(outside);
    await user.type(outside, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [put] = mutations(requests);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`${LIST}/ne-2`);
    expect(put?.body).toMatchObject({
      type: 'mivb',
      setup: 'custom',
      ipAddress: '192.0.2.20',
      outsidePrefix: '7',
      localAreaCodes: ['819', '873'],
    });
    expect(await screen.findByText('Network element 192.0.2.20 saved.')).toBeInTheDocument();

    // Back to Default: only {type, setup, ipAddress}.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Edit network element 192.0.2.20' }));
    const again = screen.getByRole('dialog', { name: 'Edit Network Element' });
    await user.click(within(again).getByRole('radio', { name: 'Default' }));
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(2));
    expect(mutations(requests)[1]?.body).toEqual({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.20' });
  });

  it('lets the MiContact Center being edited keep its type', async () => {
    mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('2001:db8::30');
    await user.click(screen.getByRole('button', { name: 'Edit network element 2001:db8::30' }));
    const type = within(screen.getByRole('dialog')).getByRole('combobox', { name: /Type/ });
    expect(type).toHaveValue('micc');
    expect(within(type).getByRole('option', { name: 'MiContact Center' })).toBeEnabled();
    expect(type).not.toHaveAccessibleDescription(/Only one MiContact Center/);
  });

  it('works with the keyboard only: open, Tab through, Enter submits, Escape cancels and focus returns', async () => {
    const { requests } = mockFetch({ ...baseRoutes(), [`POST ${LIST}`]: created });
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    const add = screen.getByRole('button', { name: 'Add Network Element' });
    await user.tab();
    expect(add).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Add Network Element' });
    const type = within(dialog).getByRole('combobox', { name: /Type/ });
    expect(type).toHaveFocus();

    await user.tab();
    expect(within(dialog).getByRole('radio', { name: 'Default' })).toHaveFocus();
    await user.tab();
    const ip = within(dialog).getByRole('textbox', { name: /IP Address/ });
    expect(ip).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveFocus();
    // Focus stays in the dialog.
    await user.tab();
    expect(type).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(add).toHaveFocus();
    expect(mutations(requests)).toHaveLength(0);

    // Enter in the form submits it.
    await user.keyboard('{Enter}');
    await user.tab();
    await user.tab();
    await user.keyboard('192.0.2.77{Enter}');
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.77' });
  });
});
