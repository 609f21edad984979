import { useEffect, useRef, useState } from 'react';

/**
 * After a failed save, moves focus to the first field in error (by its `name`), once the
 * messages are rendered. Returns the ref of the container and the function to call.
 */
export function useFocusField<T extends HTMLElement>() {
  const containerRef = useRef<T>(null);
  const [target, setTarget] = useState<{ name: string; n: number } | null>(null);
  useEffect(() => {
    if (!target) return;
    const el = containerRef.current?.querySelector<HTMLElement>(
      `[name="${CSS.escape(target.name)}"]:not([disabled])`,
    );
    el?.focus();
  }, [target]);
  const focusField = (name: string | undefined) => {
    if (name) setTarget((previous) => ({ name, n: (previous?.n ?? 0) + 1 }));
  };
  return { containerRef, focusField };
}
