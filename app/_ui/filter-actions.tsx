import Link from 'next/link';

/** The Filter / Clear pair closing a list page's GET filter form; Clear goes back to the unfiltered page. */
export function FilterActions({ clearHref, className }: { clearHref: string; className?: string }) {
  return (
    <div className={className}>
      <button type="submit" className="primary">
        Filter
      </button>
      <Link href={clearHref} className="button">
        Clear
      </Link>
    </div>
  );
}
