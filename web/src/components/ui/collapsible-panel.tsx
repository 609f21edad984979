import { useId, useState, type ReactNode } from 'react';
import { cx } from '@/lib/class-names';

interface CollapsiblePanelProps {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  /** Shown at the right of the title bar (e.g. "Updated 10:42"). */
  aside?: ReactNode;
  'data-testid'?: string;
}

/** A titled panel whose body the title button shows and hides (aria-expanded / aria-controls). */
export function CollapsiblePanel({
  title,
  children,
  defaultOpen = true,
  aside,
  'data-testid': testId,
}: CollapsiblePanelProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const bodyId = `${id}-body`;
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-gray-200 bg-white shadow-xs"
      data-testid={testId}
    >
      <div
        className={`flex items-center justify-between gap-3 px-4 py-2.5 ${open ? 'border-b border-gray-200' : ''}`}
      >
        <h2 id={headingId} className="text-base font-semibold text-gray-900">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen((o) => !o)}
            className={cx(
              '-mx-1 inline-flex items-center gap-2 rounded px-1 hover:text-blue-800',
              'focus-visible:outline-2 focus-visible:outline-blue-700',
            )}
          >
            <svg
              viewBox="0 0 20 20"
              fill="currentColor"
              aria-hidden="true"
              className={`size-4 text-gray-500 transition-transform ${open ? 'rotate-90' : ''}`}
            >
              <path
                d={
                  'M7.2 4.2a.75.75 0 0 1 1.06 0l5.25 5.27a.75.75 0 0 1 0 1.06l-5.25 ' +
                  '5.27a.75.75 0 1 1-1.06-1.06L11.92 10 7.2 5.26a.75.75 0 0 1 0-1.06Z'
                }
              />
            </svg>
            {title}
          </button>
        </h2>
        {aside && <div className="text-xs text-gray-600">{aside}</div>}
      </div>
      <div id={bodyId} hidden={!open} className="px-4 py-3">
        {children}
      </div>
    </section>
  );
}
