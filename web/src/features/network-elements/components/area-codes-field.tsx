import { useRef, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { FieldShell, inputClasses } from '@/components/ui/form-field';
import { cx } from '@/lib/class-names';
import { splitAreaCodes } from '../utils/element-form';

interface AreaCodesFieldProps {
  codes: readonly string[];
  onChange: (codes: string[]) => void;
  /** Text typed but not added yet (the dialog adds it on Save too, so nothing typed is lost). */
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string | undefined;
  /** The form's ref for the text box (focus on a message). */
  inputRef?: Ref<HTMLInputElement> | undefined;
}

/** Adds codes to the list without duplicates. */
export function addAreaCodes(codes: readonly string[], text: string): string[] {
  const next = [...codes];
  for (const code of splitAreaCodes(text)) if (!next.includes(code)) next.push(code);
  return next;
}

/**
 * Local Area Codes as removable chips. Type one or several codes (comma or space separated)
 * and press Enter or Add; each chip has its own Remove button. Enter in an empty box submits
 * the form as usual.
 */
export function AreaCodesField({
  codes,
  onChange,
  draft,
  onDraftChange,
  error,
  inputRef: formRef,
}: AreaCodesFieldProps) {
  const { t } = useTranslation('networkElements');
  const inputRef = useRef<HTMLInputElement>(null);

  const commit = () => {
    if (!draft.trim()) return;
    onChange(addAreaCodes(codes, draft));
    onDraftChange('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && draft.trim()) {
      event.preventDefault();
      commit();
    }
  };
  const remove = (code: string) => {
    onChange(codes.filter((c) => c !== code));
    inputRef.current?.focus();
  };

  return (
    <FieldShell label={t('fields.localAreaCodes')} error={error} hint={t('areaCodes.hint')}>
      {({ id, describedBy, invalid }) => (
        <div className="space-y-2">
          {codes.length > 0 && (
            <ul
              aria-label={t('areaCodes.listLabel')}
              className="flex flex-wrap gap-1.5"
              data-testid="area-codes-list"
            >
              {codes.map((code) => (
                <li
                  key={code}
                  className={cx(
                    'inline-flex items-center gap-1 rounded-full border border-gray-300',
                    'bg-gray-100 py-0.5 pr-1 pl-2.5 text-sm text-gray-900',
                  )}
                >
                  <span className="font-mono">{code}</span>
                  <button
                    type="button"
                    onClick={() => remove(code)}
                    aria-label={t('areaCodes.remove', { code })}
                    title={t('areaCodes.remove', { code })}
                    data-testid="area-code-remove"
                    className={cx(
                      'rounded-full p-0.5 text-gray-600 hover:bg-gray-200 hover:text-gray-900',
                      'focus-visible:outline-2 focus-visible:outline-blue-700',
                    )}
                  >
                    <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
                      <path
                        d={
                          'M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 ' +
                          '3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 ' +
                          '6.7a1 1 0 0 1 0-1.4Z'
                        }
                      />
                    </svg>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="flex gap-2">
            <input
              ref={(el) => {
                inputRef.current = el;
                if (typeof formRef === 'function') formRef(el);
                else if (formRef) formRef.current = el;
              }}
              id={id}
              name="localAreaCodes"
              value={draft}
              onChange={(e) => onDraftChange(e.target.value)}
              onKeyDown={onKeyDown}
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              data-testid="field-localAreaCodes"
              className={inputClasses}
            />
            <Button onClick={commit} aria-label={t('areaCodes.addLabel')} data-testid="area-codes-add">
              {t('areaCodes.add')}
            </Button>
          </div>
        </div>
      )}
    </FieldShell>
  );
}
