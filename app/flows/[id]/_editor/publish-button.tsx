'use client';

import { useRelease } from './release/release-context';

/** Opens the release panel on publishing (checks, diff, numbers) or on the version history. */
export function PublishButton({ readOnly }: { readOnly: boolean }) {
  const { open } = useRelease();
  return (
    <>
      <button type="button" onClick={() => open('history')} data-testid="open-history">
        History
      </button>
      {!readOnly && (
        <button type="button" className="primary" onClick={() => open('publish')} data-testid="publish">
          Publish
        </button>
      )}
    </>
  );
}
