'use client';

import { HoursOverrideEditor } from './hours-override-editor';
import type { NumberView } from './numbers-api';
import own from './numbers.module.css';
import { TestCallersEditor } from './test-callers-editor';

type Props = { number: NumberView; editable: boolean; onChange: (entry: Omit<NumberView, 'lastCall'>) => void };

/** One number's testing settings: who reaches the draft, and whether business hours are forced. */
export function NumberPanel({ number, editable, onChange }: Props) {
  return (
    <div className={own.panelGrid} data-testid={`panel-${number.number}`}>
      <TestCallersEditor number={number} editable={editable} onChange={onChange} />
      <HoursOverrideEditor number={number} editable={editable} onChange={onChange} />
    </div>
  );
}
