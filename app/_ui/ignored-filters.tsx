import page from '@/app/_shell/page.module.css';

/** Says which filters a list page could not read and left out, instead of failing the page. */
export function IgnoredFilters({ ignored }: { ignored: string | null }) {
  if (ignored === null) return null;
  return (
    <p role="alert" className={page.notice}>
      Some filters were not understood and are ignored: {ignored}
    </p>
  );
}
