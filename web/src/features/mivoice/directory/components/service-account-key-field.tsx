import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FileField } from '@/components/ui/file-field';
import { FieldShell, inputClasses } from '@/components/ui/form-field';
import { useMivoiceTranslation } from '../../i18n';
import { readText } from '../../utils/read-file';
import type { KeyDraft } from '../utils/google-settings-form';
import { checkServiceAccountKey, SERVICE_ACCOUNT_KEY_MAX } from '../utils/service-account-key';

interface ServiceAccountKeyFieldProps {
  draft: KeyDraft;
  onChange: (draft: KeyDraft) => void;
  keySet: boolean;
  keyEmail: string | null;
  /** The client's or the server's message about the key. */
  error: string | undefined;
  disabled: boolean;
}

/**
 * The write-only service-account key: "Key set: <client e-mail>" with Replace and Remove, or a
 * .json file chooser and a paste box. A chosen file's text is never shown, only whose key it is.
 */
export function ServiceAccountKeyField({
  draft,
  onChange,
  keySet,
  keyEmail,
  error,
  disabled,
}: ServiceAccountKeyFieldProps) {
  const { t } = useMivoiceTranslation();
  const id = useId();
  const [readError, setReadError] = useState<string | undefined>();
  const check =
    draft.mode === 'replace' && draft.text.trim() !== '' ? checkServiceAccountKey(draft.text) : null;

  const switchTo = (mode: KeyDraft['mode']) => {
    setReadError(undefined);
    onChange({ mode, text: '', source: null });
  };

  const chooseFile = async (file: File | null) => {
    setReadError(undefined);
    if (!file) return;
    if (file.size > SERVICE_ACCOUNT_KEY_MAX * 4) {
      setReadError(t('google.errors.key.tooLong'));
      return;
    }
    try {
      const text = await readText(file);
      onChange({ mode: 'replace', text, source: { kind: 'file', name: file.name } });
      const result = checkServiceAccountKey(text);
      if (!result.ok) setReadError(t(`google.errors.key.${result.reason}`));
    } catch {
      setReadError(t('google.errors.key.unreadable'));
    }
  };

  const shownError = error ?? readError;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <fieldset
      className="space-y-2"
      aria-describedby={[hintId, shownError ? errorId : ''].filter(Boolean).join(' ')}
      data-testid="google-key"
    >
      <legend className="text-sm font-medium text-gray-800">{t('google.key')}</legend>
      {draft.mode === 'keep' && (
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-2 text-sm break-all text-gray-900" data-testid="google-key-status">
            {keyEmail ? t('google.keySet', { email: keyEmail }) : t('google.keySetNoEmail')}
          </p>
          <Button
            size="sm"
            onClick={() => switchTo('replace')}
            disabled={disabled}
            data-testid="google-key-replace"
          >
            {t('google.replaceKey')}
          </Button>
          <Button
            size="sm"
            onClick={() => switchTo('remove')}
            disabled={disabled}
            data-testid="google-key-remove"
          >
            {t('google.removeKey')}
          </Button>
        </div>
      )}
      {draft.mode === 'remove' && (
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-2 text-sm font-medium text-amber-900" data-testid="google-key-status">
            {t('google.keyRemoved')}
          </p>
          <Button
            size="sm"
            onClick={() => switchTo('keep')}
            disabled={disabled}
            data-testid="google-key-keep"
          >
            {t('google.keepKey')}
          </Button>
        </div>
      )}
      {draft.mode === 'replace' && (
        <div className="space-y-2 rounded-md border border-gray-200 bg-gray-50 p-3">
          {!keySet && (
            <p className="text-sm text-gray-700" data-testid="google-key-status">
              {t('google.keyNotSet')}
            </p>
          )}
          <FileField
            label={t('google.keyFile')}
            accept=".json,application/json"
            onFile={(file) => void chooseFile(file)}
            disabled={disabled}
            data-testid="google-key-file"
          />
          <FieldShell label={t('google.keyPaste')}>
            {({ id: pasteId }) => (
              <textarea
                id={pasteId}
                rows={3}
                value={draft.source?.kind === 'paste' ? draft.text : ''}
                onChange={(e) => {
                  setReadError(undefined);
                  onChange({ mode: 'replace', text: e.target.value, source: { kind: 'paste' } });
                }}
                spellCheck={false}
                autoComplete="off"
                maxLength={SERVICE_ACCOUNT_KEY_MAX}
                disabled={disabled}
                placeholder='{"type": "service_account", "client_email": "…", "private_key": "…"}'
                className={`${inputClasses} h-auto py-1.5 font-mono text-xs`}
                data-testid="google-key-paste"
              />
            )}
          </FieldShell>
          {check?.ok && (
            <p className="text-sm text-green-800" data-testid="google-key-ready">
              {draft.source?.kind === 'file'
                ? `${t('google.keyFromFile', { file: draft.source.name })} `
                : ''}
              {t('google.keyReady', { email: check.clientEmail })}
            </p>
          )}
          {keySet && (
            <Button
              size="sm"
              onClick={() => switchTo('keep')}
              disabled={disabled}
              data-testid="google-key-keep"
            >
              {t('google.keepKey')}
            </Button>
          )}
        </div>
      )}
      <p id={hintId} className="text-xs text-gray-600">
        {t('google.keyHint')}
      </p>
      {shownError && (
        <p id={errorId} className="text-xs font-medium text-red-700" data-testid="google-key-error">
          {shownError}
        </p>
      )}
    </fieldset>
  );
}
