import { useId } from 'react';
import { Button } from '@/components/ui/button';

interface EmailExportButtonProps {
  label: string;
  /** The saved administrator e-mail; without one the button is disabled and `needsAddress` says why. */
  adminEmail: string | null | undefined;
  /** What the button does, when an address is set. */
  hint: string;
  needsAddress: string;
  onSend: () => void;
  busy: boolean;
  testId: string;
}

/** "Email User List" / "Email Language Strings": disabled, with the reason, while no address is set. */
export function EmailExportButton({
  label,
  adminEmail,
  hint,
  needsAddress,
  onSend,
  busy,
  testId,
}: EmailExportButtonProps) {
  const hintId = useId();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        onClick={onSend}
        busy={busy}
        disabled={!adminEmail}
        aria-describedby={hintId}
        data-testid={testId}
      >
        {label}
      </Button>
      <span
        id={hintId}
        className={`max-w-xs text-xs ${adminEmail ? 'text-gray-600' : 'text-amber-900'}`}
        data-testid={`${testId}-hint`}
      >
        {adminEmail ? hint : needsAddress}
      </span>
    </span>
  );
}
