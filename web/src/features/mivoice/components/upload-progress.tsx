import { ProgressBar } from '@/components/ui/progress-bar';
import { useFormatters } from '@/lib/format';
import type { UploadProgress as Progress } from '@/lib/upload-file';
import { useMivoiceTranslation } from '../i18n';

interface UploadProgressProps {
  /** Accessible name and caption of the bar, e.g. "Uploading users.csv". */
  label: string;
  progress: Progress | null;
  /** Shown once every byte is sent, while the server works. */
  serverText: string;
}

/** The upload's real progress (bytes sent), then an indeterminate bar while the server works. */
export function UploadProgressView({ label, progress, serverText }: UploadProgressProps) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const sent = progress && progress.total > 0 ? progress.loaded / progress.total : null;
  const serverWorking = sent !== null && sent >= 1;
  return (
    <div className="space-y-2" data-testid="upload-progress">
      <p className="text-sm font-medium text-gray-800">{label}</p>
      <ProgressBar
        value={serverWorking ? null : (sent ?? 0)}
        label={label}
        valueText={serverWorking ? undefined : fmt.percent(sent ?? 0)}
      />
      <p className="text-xs text-gray-600" role="status">
        {serverWorking ? serverText : t('upload.sending')}
      </p>
    </div>
  );
}
