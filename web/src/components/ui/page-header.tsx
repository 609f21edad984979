import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  intro: string;
  /** More under the intro (e.g. counts). */
  children?: ReactNode;
  /** Controls at the right of the heading (buttons, sub-tabs, a read-only badge). */
  actions?: ReactNode;
}

/** A tab's heading (h1) and introduction, with optional controls at its right. */
export function PageHeader({ title, intro, children, actions }: PageHeaderProps) {
  const heading = (
    <div>
      <h1 className="text-xl font-semibold text-gray-900">{title}</h1>
      <p className="mt-1 text-sm text-gray-700">{intro}</p>
      {children}
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {heading}
      {actions}
    </div>
  );
}
