import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/lib/flow/document';
import { templates } from '@/lib/flow/templates';
import { NccoSchema } from '@/lib/ncco';
import type { RunOverrides } from '@/lib/runtime/engine';
import {
  answer,
  callDriver,
  compiled,
  connectStatus,
  dtmf,
  silence,
  speech,
  testEnv,
  type Exchange,
  type Step,
} from '@/test/helpers/engine-driver';

/**
 * Golden calls through each starter template: every webhook Vonage would send and the NCCO Switchboard
 * answers, in test/fixtures/ncco/<template>/<case>.json. Regenerate with UPDATE_GOLDEN=1, then read the
 * diff: each file must be exactly what Vonage should receive.
 */

type Case = {
  name: string;
  steps: Step[];
  /** ISO time of the call; hours are evaluated in the template's zone (Europe/London). */
  now?: string;
  patch?: (document: FlowDocument) => void;
  overrides?: RunOverrides;
};

// Tuesday 10 March 2026, 10:00 in London (GMT: British Summer Time starts on 29 March).
const TUESDAY_MORNING = '2026-03-10T10:00:00Z';

const withSpeech = (document: FlowDocument) => {
  const menu = document.nodes.find((node) => node.id === 'main-menu');
  if (!menu) throw new Error('the IVR template has no main-menu');
  menu.data.speech = true;
};

const CASES: Record<string, Case[]> = {
  'ivr-menu': [
    { name: 'answer', steps: [answer] },
    { name: 'press-1-sales-answered', steps: [answer, dtmf('1'), connectStatus('ringing'), connectStatus('answered')] },
    { name: 'press-2-support', steps: [answer, dtmf('2'), connectStatus('started'), connectStatus('answered')] },
    { name: 'wrong-key-then-operator', steps: [answer, dtmf('9'), dtmf('0')] },
    { name: 'no-input-three-times', steps: [answer, silence, silence, silence] },
    { name: 'speech-support', patch: withSpeech, steps: [answer, speech('I need support please', 'I need sport please')] },
    { name: 'operator-busy-voicemail', steps: [answer, dtmf('0'), connectStatus('busy')] },
  ],
  'business-hours': [
    { name: 'open-answered', now: TUESDAY_MORNING, steps: [answer, connectStatus('answered')] },
    { name: 'open-busy-voicemail', now: TUESDAY_MORNING, steps: [answer, connectStatus('busy')] },
    { name: 'closed-evening', now: '2026-03-10T19:00:00Z', steps: [answer] },
    { name: 'christmas-day', now: '2026-12-25T11:00:00Z', steps: [answer] },
    { name: 'christmas-eve-afternoon', now: '2026-12-24T14:00:00Z', steps: [answer] },
    { name: 'forced-closed', now: TUESDAY_MORNING, overrides: { hours: 'closed' }, steps: [answer] },
  ],
  'forward-to-mobile': [
    { name: 'answered', steps: [answer, connectStatus('started'), connectStatus('ringing'), connectStatus('answered')] },
    { name: 'unanswered-voicemail', steps: [answer, connectStatus('ringing'), connectStatus('unanswered')] },
    { name: 'timeout-then-late-cancelled', steps: [answer, connectStatus('timeout'), connectStatus('cancelled')] },
  ],
};

const FIXTURES = join(__dirname, '..', 'fixtures', 'ncco');

async function play(templateId: string, c: Case): Promise<Exchange[]> {
  const template = templates.find((t) => t.id === templateId);
  if (!template) throw new Error(`no template ${templateId}`);
  const { document } = template.build();
  c.patch?.(document);
  const driver = callDriver({
    graphs: { [`ver_${templateId}`]: compiled(document) },
    env: testEnv(),
    now: new Date(c.now ?? TUESDAY_MORNING),
    flowId: `flow_${templateId}`,
    overrides: c.overrides,
  });
  return driver.play(c.steps);
}

describe('golden calls through the starter templates', () => {
  it('covers every template', () => {
    expect(Object.keys(CASES).sort()).toEqual(templates.map((t) => t.id).sort());
  });

  for (const [templateId, cases] of Object.entries(CASES)) {
    describe(templateId, () => {
      it.each(cases)('$name', async (c) => {
        const exchanges = await play(templateId, c);
        for (const { ncco } of exchanges) {
          if (ncco) expect(NccoSchema.safeParse(ncco).error?.issues).toBeUndefined();
        }
        const file = join(FIXTURES, templateId, `${c.name}.json`);
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, `${JSON.stringify(exchanges, null, 2)}\n`);
        }
        expect(exchanges).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      });
    });
  }
});
