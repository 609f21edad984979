import { useId } from 'react';
import { Button } from '@/components/ui/button';

interface ActionButtonProps {
  label: string;
  /** The accessible name, naming the request. */
  ariaLabel: string;
  onClick: () => void;
  /** Why the action is not possible now: the button stays focusable and says it. */
  disabledReason?: string | undefined;
  testId: string;
  danger?: boolean;
}

/**
 * A row action. When it is not possible it is aria-disabled rather than disabled, so that keyboard
 * and screen reader users reach it and hear why (a disabled button cannot be focused).
 */
export function ActionButton({
  label,
  ariaLabel,
  onClick,
  disabledReason,
  testId,
  danger,
}: ActionButtonProps) {
  const reasonId = useId();
  const disabled = disabledReason !== undefined;
  return (
    <>
      <Button
        size="sm"
        className={
          disabled
            ? 'cursor-not-allowed opacity-60'
            : danger
              ? 'text-red-800 hover:border-red-300 hover:bg-red-50'
              : ''
        }
        aria-label={ariaLabel}
        aria-disabled={disabled || undefined}
        aria-describedby={disabled ? reasonId : undefined}
        title={disabledReason}
        onClick={disabled ? undefined : onClick}
        data-testid={testId}
      >
        {label}
      </Button>
      {disabled && (
        <span id={reasonId} className="sr-only">
          {disabledReason}
        </span>
      )}
    </>
  );
}
