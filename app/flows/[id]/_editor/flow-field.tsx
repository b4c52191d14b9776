'use client';

import { useEffect, useState } from 'react';
import { z } from 'zod';
import { str } from '@/lib/flow/loose';
import type { CommonInputProps } from './field-control';
import type { FieldEditing } from './field-editing';
import type { Path } from './field-paths';
import { useEditorContext } from './editor-context';

const FlowListSchema = z.object({ flows: z.array(z.object({ id: z.string(), name: z.string() })) });
type FlowOption = z.infer<typeof FlowListSchema>['flows'][number];

/** Chooses another flow to continue in; the list comes from GET /api/flows when the field appears. */
export function FlowField({ value, path, editing, common }: { value: unknown; path: Path; editing: FieldEditing; common: CommonInputProps }) {
  const { flowId } = useEditorContext();
  const [flows, setFlows] = useState<FlowOption[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    fetch('/api/flows')
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((body) => live && setFlows(FlowListSchema.parse(body).flows.filter((f) => f.id !== flowId)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [flowId]);

  const current = str(value);
  const known = flows?.some((f) => f.id === current) ?? false;
  return (
    <select {...common} value={current} onChange={(e) => editing.set(path, e.target.value)} disabled={flows === null && !failed}>
      <option value="">{flows === null ? (failed ? 'Could not load flows' : 'Loading flows…') : 'Choose a flow…'}</option>
      {current && !known && flows !== null && <option value={current}>Missing flow ({current})</option>}
      {flows?.map((flow) => (
        <option key={flow.id} value={flow.id}>
          {flow.name}
        </option>
      ))}
    </select>
  );
}
