import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DownloadButton } from '@/components/ui/download-button';
import { setCsrfToken, setUnauthorizedHandler } from '@/lib/api-client';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';

const URL_PATH = '/api/v1/things/export.csv';
const CSV = '\uFEFFname,value\r\n=1+1,"a, b"\r\n';
const CSV_HEADERS = {
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': 'attachment; filename="things-2026.csv"',
};

function renderButton() {
  return renderWithProviders(
    <DownloadButton
      url={`${URL_PATH}?from=2026-01-01`}
      fileName="things.csv"
      aria-label="Download the things"
      data-testid="things-download"
    >
      Download
    </DownloadButton>,
  );
}

describe('DownloadButton', () => {
  it("fetches the file on click, busy meanwhile, and saves the server's bytes under the server's name", async () => {
    let answer: (reply: MockReply) => void = () => undefined;
    const { requests } = mockFetch({
      [`GET ${URL_PATH}`]: () => new Promise<MockReply>((resolve) => (answer = resolve)),
    });
    setCsrfToken('csrf-not-for-get');
    const saved = recordDownloads();
    const { user } = renderButton();

    const button = screen.getByRole('button', { name: 'Download the things' });
    expect(button).toHaveAttribute('data-testid', 'things-download');
    expect(button).not.toHaveAttribute('href');
    await user.click(button);

    await waitFor(() => expect(button).toHaveAttribute('aria-busy', 'true'));
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleName('Download the things');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(`${requests[0]?.path}${requests[0]?.url.search}`).toBe(`${URL_PATH}?from=2026-01-01`);
    expect(requests[0]?.headers.get('Accept')).toBe('text/csv, application/json');
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(saved).toEqual([]);

    answer({ text: CSV, headers: CSV_HEADERS });
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('things-2026.csv');
    expect(saved[0]?.blob.type).toBe('text/csv; charset=utf-8');
    expect(await blobText(saved[0]!.blob)).toBe(CSV);
    await waitFor(() => expect(button).not.toHaveAttribute('aria-busy'));
    expect(button).toBeEnabled();
    expect(screen.queryByTestId('toast-error')).not.toBeInTheDocument();
  });

  it('saves under the given name when the answer names no file', async () => {
    mockFetch({ [`GET ${URL_PATH}`]: { text: CSV, headers: { 'Content-Type': 'text/csv; charset=utf-8' } } });
    const saved = recordDownloads();
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Download the things' }));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['things.csv']));
  });

  it("shows the server's message of a 500 and saves nothing (not even the error body)", async () => {
    mockFetch({
      [`GET ${URL_PATH}`]: {
        status: 500,
        body: { error: { code: 'internal', message: 'The database is not reachable' } },
      },
    });
    const saved = recordDownloads();
    const { user } = renderButton();
    const button = screen.getByRole('button', { name: 'Download the things' });
    await user.click(button);

    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'things.csv could not be downloaded: The database is not reachable',
    );
    expect(saved).toEqual([]);
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).not.toHaveAttribute('aria-busy');
  });

  it('shows the 401 of an expired console session, signs out as every call does, and saves nothing', async () => {
    mockFetch({
      [`GET ${URL_PATH}`]: {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Sign in to continue' } },
      },
    });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const saved = recordDownloads();
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Download the things' }));

    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'things.csv could not be downloaded: Sign in to continue',
    );
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(saved).toEqual([]);
  });

  it('says in French why a download failed', async () => {
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('fr');
    mockFetch({
      [`GET ${URL_PATH}`]: {
        status: 404,
        body: { error: { code: 'not_found', message: 'Langue inconnue' } },
      },
    });
    const saved = recordDownloads();
    const { user } = renderButton();
    await user.click(screen.getByRole('button', { name: 'Download the things' }));
    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'Le fichier things.csv n’a pas pu être téléchargé : Langue inconnue',
    );
    expect(saved).toEqual([]);
  });

  it('stops the request when it goes away (unmount), and then says nothing and saves nothing', async () => {
    const signals: AbortSignal[] = [];
    const fetchMock = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal as AbortSignal;
          signals.push(signal);
          signal.addEventListener('abort', () =>
            reject(new DOMException('The operation was aborted.', 'AbortError')),
          );
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const saved = recordDownloads();
    function Page() {
      const [shown, setShown] = useState(true);
      return (
        <>
          {shown && (
            <DownloadButton url={URL_PATH} fileName="things.csv">
              Download
            </DownloadButton>
          )}
          <button type="button" onClick={() => setShown(false)}>
            Leave
          </button>
        </>
      );
    }
    const { user } = renderWithProviders(<Page />);
    await user.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]?.aborted).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(signals[0]?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('toast-error')).not.toBeInTheDocument();
    expect(saved).toEqual([]);
  });
});
