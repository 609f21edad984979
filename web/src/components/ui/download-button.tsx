import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGetFile } from '@/lib/api-client';
import { downloadBlob } from '@/lib/download';
import { errorMessage } from '@/lib/errors';
import { Button, type ButtonProps } from './button';
import { useToast } from './toast';

export interface DownloadButtonProps extends Omit<ButtonProps, 'onClick' | 'busy' | 'type'> {
  /** GET path of the file, query string included (e.g. `/api/v1/sessions/history.csv?from=…`). */
  url: string;
  /**
   * The name to save under when the server's answer has no Content-Disposition file name; also
   * names the file in an error.
   */
  fileName: string;
}

/**
 * A button that downloads a file of the API: busy while the request runs, the server's bytes
 * saved under the server's file name once it answers. A failed answer (401, 404, 500, no
 * network) saves nothing and says why in an error toast; a 401 also signs the console out, as
 * every call does. Leaving the page (unmount) stops the request and says nothing.
 */
export function DownloadButton({ url, fileName, children, ...props }: DownloadButtonProps) {
  const { t } = useTranslation('common');
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const download = async () => {
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    try {
      const file = await apiGetFile(url, controller.signal);
      if (!controller.signal.aborted) downloadBlob(file.fileName ?? fileName, file.blob);
    } catch (error) {
      if (!controller.signal.aborted)
        toast.error(t('download.failed', { file: fileName, message: errorMessage(error) }));
    } finally {
      if (running.current === controller) {
        running.current = null;
        setBusy(false);
      }
    }
  };

  return (
    <Button {...props} busy={busy} onClick={() => void download()}>
      {children}
    </Button>
  );
}
