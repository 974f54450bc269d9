import { type ReactNode, useId } from 'react';

/** A titled region of the profile. */
export function Section({ title, className, children }: { title: string; className: string; children?: ReactNode }) {
  const id = useId();
  return (
    <section className={`gh-section ${className}`} aria-labelledby={id}>
      <h2 className="gh-section-title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}
