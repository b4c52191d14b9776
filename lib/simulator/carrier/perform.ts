import type { NccoLenientAction } from '@/lib/ncco';
import { spokenText } from '../transcript';
import { describeEndpoint, describeRecordEnd } from './describe';
import { note, restOn, take, type Line } from './line';
import { legEvent } from './payloads';

/** Runs one action of the NCCO: 'next' goes on to the following action, 'end' ends the call now. */
export async function perform(line: Line, action: NccoLenientAction, index: number): Promise<'next' | 'end'> {
  const { options } = line;
  switch (action.action) {
    case 'talk':
    case 'stream': {
      const loop = action.loop ?? 1;
      if (action.action === 'talk') line.transcript.push({ type: 'talk', text: spokenText(action.text), language: action.language ?? null, loop });
      else line.transcript.push({ type: 'stream', url: action.streamUrl[0], loop });
      // Played for ever, it never ends; with bargeIn a key stops it and the input that must follow listens.
      if (loop === 0 && !action.bargeIn) restOn(line, { waiting: { type: 'hold', reason: 'The message repeats until the caller hangs up' }, action, index });
      return 'next';
    }
    case 'input': {
      // The legacy shape has no type and carries the DTMF settings on the action itself (reference.md §1.3).
      const types = action.type ?? ['dtmf'];
      const dtmf = { ...pick(action), ...action.dtmf };
      const waiting = {
        type: 'input' as const,
        dtmf: types.includes('dtmf') ? { maxDigits: dtmf.maxDigits ?? 4, submitOnHash: dtmf.submitOnHash ?? false, timeOut: dtmf.timeOut ?? 3 } : null,
        speech: types.includes('speech') ? { language: action.speech?.language ?? 'en-US', startTimeout: action.speech?.startTimeout ?? 10 } : null,
      };
      restOn(line, { waiting, action, index }, Math.max(waiting.dtmf ? waiting.dtmf.timeOut || 3 : 0, waiting.speech?.startTimeout ?? 0));
      return 'next';
    }
    case 'record': {
      if (action.beepStart) note(line, 'Beep');
      const recording = { uuid: options.newId(), startedAt: options.now(), url: action.eventUrl?.[0] ?? options.urls.event, method: action.eventMethod ?? 'POST' };
      note(line, `Recording (${describeRecordEnd(action)})`);
      if (!action.endOnKey && !action.endOnSilence && !action.timeOut) {
        // Without an end condition the recording runs in the background and the NCCO goes straight on.
        line.background.push(recording);
        return 'next';
      }
      line.recording = recording;
      const waiting = { type: 'record' as const, endOnKey: action.endOnKey ?? null, endOnSilence: action.endOnSilence ?? null, timeOut: action.timeOut ?? null };
      restOn(line, { waiting, action, index }, action.timeOut);
      return 'next';
    }
    case 'connect': {
      const endpoint = describeEndpoint(action.endpoint[0]);
      const leg = { uuid: options.newId(), from: action.from ?? options.call.to, to: endpoint.to };
      const url = action.eventUrl?.[0] ?? options.urls.event;
      note(line, `Ringing ${endpoint.label}${action.ringbackTone ? ', playing the ringing sound' : ''}…`);
      // Progress states: whatever the answer is, Vonage only lets a failure state replace the NCCO.
      for (const status of ['started', 'ringing']) {
        await line.hooks.event('connect', url, legEvent(options.call, leg, status, options.now()), { method: action.eventMethod, status });
      }
      restOn(line, { waiting: { type: 'connect', endpoint: endpoint.label, timeout: action.timeout ?? 60 }, action, index, leg }, action.timeout ?? 60);
      return 'next';
    }
    case 'conversation': {
      const hold = action.startOnEnter === false && action.musicOnHoldUrl ? ', hearing music on hold until the moderator joins' : '';
      note(line, `Joined the conference "${action.name}"${hold}`);
      restOn(line, { waiting: { type: 'conversation', name: action.name }, action, index });
      return 'next';
    }
    case 'notify': {
      const result = await line.hooks.callback('notify', action.eventUrl[0], action.payload, { method: action.eventMethod, type: 'event' });
      if (result.type === 'ncco') take(line, result.ncco);
      return 'next';
    }
    case 'wait': {
      const seconds = Math.min(7200, Math.max(0.1, action.timeout ?? 10));
      if (options.timers) restOn(line, { waiting: { type: 'wait', seconds }, action, index }, seconds);
      else note(line, `A pause of ${seconds} s`);
      return 'next';
    }
    case 'transfer':
      note(line, `Moved into the conversation ${action.conversationId}; its own NCCO takes over`);
      return 'end';
  }
}

/** DTMF settings written on a legacy input action itself. */
function pick(action: Extract<NccoLenientAction, { action: 'input' }>) {
  const { timeOut, maxDigits, submitOnHash } = action;
  return Object.fromEntries(Object.entries({ timeOut, maxDigits, submitOnHash }).filter(([, v]) => v !== undefined)) as {
    timeOut?: number;
    maxDigits?: number;
    submitOnHash?: boolean;
  };
}
