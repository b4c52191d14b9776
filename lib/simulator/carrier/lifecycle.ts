import { clearRest, take, type Line, type Recording } from './line';
import { answerRequest, callEvent, endedFields, FAILURE_DETAIL, legEvent, recordingEvent } from './payloads';
import { perform } from './perform';

/**
 * The call from ringing to hanging up, as Vonage runs it (reference.md §1, §3): started and ringing
 * events, the answer webhook, answered, then the NCCO action by action; the end of the NCCO ends the call.
 */
export async function startCall(line: Line): Promise<void> {
  const { options } = line;
  const { call, urls } = options;
  for (const status of ['started', 'ringing']) {
    await line.hooks.event('event', urls.event, callEvent(call, status, options.now()), { status });
  }
  const answer = await line.hooks.callback('answer', urls.answer, answerRequest(call), { type: 'answer' });
  if (answer.type !== 'ncco') {
    line.answeredAt = options.now();
    return endCall(line, 'carrier', `The call could not be answered: ${answer.type === 'failed' ? answer.reason : 'no NCCO'}`, 'platform');
  }
  line.answeredAt = options.now();
  line.phase = 'answered';
  await line.hooks.event('event', urls.event, callEvent(call, 'answered', options.now(), { start_time: null, rate: null, network: null }), { status: 'answered' });
  take(line, answer.ncco);
  await proceed(line);
}

/** Runs actions until the call rests on one (waiting for the tester) or runs out of NCCO. */
export async function proceed(line: Line): Promise<void> {
  while (line.phase === 'answered' && line.rest === null) {
    const running = line.running;
    if (!running || line.next >= running.length) return endCall(line, 'flow', 'The flow ended the call', 'platform');
    const index = line.next++;
    if ((await perform(line, running[index], index)) === 'end') return endCall(line, 'flow', 'The flow ended the call', 'platform');
  }
}

/** The caller hangs up: whatever the call rests on stops, as it would on a real line. */
export async function hangUp(line: Line): Promise<void> {
  const { options } = line;
  const rest = line.rest;
  if (rest?.waiting.type === 'connect' && rest.action.action === 'connect' && rest.leg) {
    // The other leg stops ringing; Vonage tells the connect's eventUrl it was cancelled.
    const leg = rest.leg;
    const url = rest.action.eventUrl?.[0] ?? options.urls.event;
    await line.hooks.event('connect', url, legEvent(options.call, leg, 'cancelled', options.now(), FAILURE_DETAIL.cancelled), { method: rest.action.eventMethod, status: 'cancelled' });
  }
  await endCall(line, 'caller', 'You hung up', 'user');
}

/** Posts a finished recording's event (to the record's eventUrl, else the application's event URL). */
export async function postRecording(line: Line, recording: Recording): Promise<void> {
  const payload = recordingEvent(line.options.call, recording.uuid, recording.startedAt, line.options.now());
  await line.hooks.event('recording', recording.url, payload, { method: recording.method });
}

async function endCall(line: Line, by: 'caller' | 'flow' | 'carrier', text: string, disconnectedBy: 'user' | 'platform'): Promise<void> {
  const { options } = line;
  clearRest(line);
  line.phase = 'ended';
  // Recordings still running end with the call, and report before the call's completed event.
  const recordings = [...(line.recording ? [line.recording] : []), ...line.background];
  line.recording = null;
  line.background = [];
  for (const recording of recordings) await postRecording(line, recording);
  const at = options.now();
  const extra = endedFields(line.answeredAt ?? at, at, disconnectedBy);
  await line.hooks.event('event', options.urls.event, callEvent(options.call, 'completed', at, extra), { status: 'completed' });
  line.transcript.push({ type: 'end', by, text });
}
