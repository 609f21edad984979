import { BACKUP_SECTIONS, type RestoreReport } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { BackupPanel } from '../components/backup-panel';

const PASSPHRASE = 'a long enough passphrase';

interface Sent {
  url: string;
  csrf: string | null;
  fields: Record<string, string>;
  file: File | null;
}

/** XMLHttpRequest (the console's uploads) answered from `reply`; records each multipart body. */
function fakeUploads(reply: (sent: Sent) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  class FakeXhr {
    upload = { onprogress: null };
    status = 0;
    responseText = '';
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers = new Headers();
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }
    abort() {
      this.onabort?.();
    }
    send(body: FormData) {
      const s: Sent = { url: this.url, csrf: this.headers.get('X-CSRF-Token'), fields: {}, file: null };
      for (const [k, v] of body.entries()) {
        if (v instanceof File) s.file = v;
        else s.fields[k] = v;
      }
      sent.push(s);
      const answer = reply(s);
      setTimeout(() => {
        this.status = answer.status;
        this.responseText = JSON.stringify(answer.body);
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

const report = (dryRun: boolean, signsYouOut = false, passwordsChanged = 0): RestoreReport => ({
  dryRun,
  applied: !dryRun,
  formatVersion: 1,
  productVersion: '4.0.0',
  createdAt: '2026-12-01T10:00:00.000Z',
  signsYouOut,
  passwordsChanged,
  sections: BACKUP_SECTIONS.map((section) => ({
    section,
    added: section === 'accounts' ? 1 : 0,
    changed: section === 'options' ? 1 : 0,
    removed: section === 'networkElements' ? 2 : 0,
    unchanged: section === 'userList' ? 1500 : 0,
    examples: {
      added: section === 'accounts' ? ['Acme / Call Recorder'] : [],
      changed: section === 'options' ? ['Options'] : [],
      removed: section === 'networkElements' ? ['192.0.2.11', '192.0.2.12'] : [],
    },
  })),
});

describe('BackupPanel', () => {
  it('support users see what it is, and no form', () => {
    renderWithProviders(<BackupPanel canEdit={false} />);
    expect(screen.getByTestId('backup-admin-only')).toHaveTextContent(
      'Only administrators can make and restore backups.',
    );
    expect(screen.queryByTestId('backup-make-form')).toBeNull();
    expect(screen.queryByTestId('backup-restore-form')).toBeNull();
  });

  it('checks the passphrase twice, then downloads the backup under the server’s name', async () => {
    setCsrfToken('csrf-1');
    const { requests } = mockFetch({
      'POST /api/v1/backup': {
        text: 'OIG-BACKUP…',
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="oig-backup-2026-12-07-10-00-00.oigbackup"',
        },
      },
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<BackupPanel canEdit />);
    await user.type(screen.getByTestId('backup-passphrase'), 'short');
    await user.type(screen.getByTestId('backup-passphrase-confirm'), 'short');
    await user.click(screen.getByTestId('backup-make'));
    expect(await screen.findByText('The passphrase needs at least 12 characters.')).toBeInTheDocument();
    await user.clear(screen.getByTestId('backup-passphrase'));
    await user.type(screen.getByTestId('backup-passphrase'), PASSPHRASE);
    await user.clear(screen.getByTestId('backup-passphrase-confirm'));
    await user.type(screen.getByTestId('backup-passphrase-confirm'), `${PASSPHRASE}!`);
    await user.click(screen.getByTestId('backup-make'));
    expect(await screen.findByText('The two passphrases do not match.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(screen.getByTestId('backup-passphrase-confirm'));
    await user.type(screen.getByTestId('backup-passphrase-confirm'), PASSPHRASE);
    await user.click(screen.getByTestId('backup-make'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('oig-backup-2026-12-07-10-00-00.oigbackup');
    expect(await blobText(saved[0]!.blob)).toBe('OIG-BACKUP…');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ passphrase: PASSPHRASE });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(
      await screen.findByText('Backup oig-backup-2026-12-07-10-00-00.oigbackup downloaded.'),
    ).toBeInTheDocument();
  });

  it('previews the restore per section, then restores after a confirmation', async () => {
    setCsrfToken('csrf-2');
    mockFetch({});
    const sent = fakeUploads((s) => ({ status: 200, body: report(s.url.endsWith('dryRun=true')) }));
    const { user } = renderWithProviders(<BackupPanel canEdit />);
    const file = new File(['OIG-BACKUP'], 'config.oigbackup', { type: 'application/octet-stream' });
    await user.upload(screen.getByTestId('backup-file'), file);
    await user.type(screen.getByTestId('backup-restore-passphrase'), PASSPHRASE);
    await user.click(screen.getByTestId('backup-check'));

    const preview = await screen.findByTestId('backup-preview');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      url: '/api/v1/backup/restore?dryRun=true',
      csrf: 'csrf-2',
      fields: { passphrase: PASSPHRASE },
    });
    expect(sent[0]!.file!.name).toBe('config.oigbackup');
    const accounts = within(preview).getByTestId('backup-section-accounts');
    expect(accounts).toHaveTextContent('Application accounts');
    expect(accounts).toHaveTextContent('+ Acme / Call Recorder');
    expect(within(preview).getByTestId('backup-section-networkElements')).toHaveTextContent(
      '− 192.0.2.11, − 192.0.2.12',
    );
    expect(within(preview).getByTestId('backup-section-userList')).toHaveTextContent('1,500');
    expect(within(preview).getAllByRole('row')).toHaveLength(BACKUP_SECTIONS.length + 1);
    expect(within(preview).queryByTestId('backup-passwords-changed')).toBeNull();

    await user.click(within(preview).getByTestId('backup-restore'));
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    await user.click(within(dialog).getByRole('button', { name: 'Restore Configuration' }));
    expect(await screen.findByText('Configuration restored from config.oigbackup.')).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({
      url: '/api/v1/backup/restore?dryRun=false',
      fields: { passphrase: PASSPHRASE },
    });
    expect(screen.queryByTestId('backup-preview')).toBeNull();
  });

  it('says a wrong passphrase in the console’s words, and warns when the restore signs you out', async () => {
    mockFetch({});
    let wrong = true;
    fakeUploads(() =>
      wrong
        ? {
            status: 400,
            body: {
              error: {
                code: 'bad_request',
                reason: 'backup_wrong_passphrase',
                message: 'Wrong passphrase, or the backup file is damaged (it was altered or cut off)',
              },
            },
          }
        : { status: 200, body: report(true, true, 2) },
    );
    const { user } = renderWithProviders(<BackupPanel canEdit />);
    await user.upload(screen.getByTestId('backup-file'), new File(['x'], 'b.oigbackup'));
    await user.type(screen.getByTestId('backup-restore-passphrase'), PASSPHRASE);
    await user.click(screen.getByTestId('backup-check'));
    expect(await screen.findByTestId('backup-error')).toHaveTextContent(
      'Wrong passphrase, or the backup file was altered or cut off.',
    );
    expect(screen.queryByTestId('backup-preview')).toBeNull();

    wrong = false;
    await user.click(screen.getByTestId('backup-check'));
    expect(await screen.findByTestId('backup-signs-you-out')).toHaveTextContent(
      'You are not an enabled user in this backup: restoring it signs you out.',
    );
    expect(screen.getByTestId('backup-passwords-changed')).toHaveTextContent(
      'The restore changes the password of 2 console users: their sessions end (yours stays).',
    );
    expect(screen.queryByTestId('backup-error')).toBeNull();
    await user.click(screen.getByTestId('backup-restore'));
    expect(
      await screen.findByText(
        "The whole configuration is replaced by the backup's, in one step, and you will be signed out.",
      ),
    ).toBeInTheDocument();
  });
});
