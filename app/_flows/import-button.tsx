'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { formatIssue } from '@/lib/api/issues';
import { api } from './api-client';

export type ImportFailure = { title: string; details: string[] };

/**
 * Picks an exported .json file and creates a flow from it. The server is the one judge of the file's
 * contents; the browser only checks it is JSON that claims to be an export, so a stray JSON file (say
 * `{ "name": "x" }`) is never mistaken for a request to create a blank flow.
 */
export function ImportButton({ onError }: { onError: (failure: ImportFailure | null) => void }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(file: File) {
    onError(null);
    const title = `Could not import ${file.name}`;
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      onError({ title, details: ['The file is not valid JSON.'] });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'format')) {
      onError({ title, details: ['This is not a Switchboard flow export: it has no "format": "switchboard.flow".'] });
      return;
    }
    setBusy(true);
    const result = await api.createFlow(value);
    if (result.ok) {
      router.push(`/flows/${result.data.flow.id}`);
      return;
    }
    setBusy(false);
    onError({ title, details: result.error.issues.length ? result.error.issues.map(formatIssue) : [result.error.message] });
  }

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? 'Importing…' : 'Import'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Flow export file to import"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so choosing the same file again (after fixing it) fires another change.
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
