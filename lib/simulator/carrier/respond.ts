import type { CallerAction, ConnectOutcome, Waiting } from '../transcript';
import { clearRest, note, restingOn, take, type Line } from './line';
import { hangUp, postRecording, proceed } from './lifecycle';
import { endedFields, FAILURE_DETAIL, inputResult, legEvent, type InputOutcome } from './payloads';
import type { ActResult } from './types';

const WAITING_FOR: Record<Waiting['type'], string> = {
  input: 'for keys or speech',
  record: 'for the caller to finish a recording',
  connect: 'for the outcome of a connect',
  conversation: 'in a conference',
  wait: 'through a pause',
  hold: 'on a message that repeats until you hang up',
};

/** Why an action does not fit what the call is doing now. */
export function refusal(line: Line, wanted: string): ActResult {
  const now = line.phase === 'ended' ? 'the call has ended' : line.rest ? `the call is waiting ${WAITING_FOR[line.rest.waiting.type]}` : 'the call is busy';
  return { ok: false, reason: `${wanted}: ${now}` };
}

/** What the tester (or a real-time timer) does, applied to the action the call rests on. */
export async function respond(line: Line, action: CallerAction): Promise<ActResult> {
  if (line.phase === 'ended') return refusal(line, 'Nothing to do');
  switch (action.type) {
    case 'hangup':
      await hangUp(line);
      return { ok: true };
    case 'keys': {
      const record = restingOn(line, 'record');
      if (record?.waiting.endOnKey && action.digits.includes(record.waiting.endOnKey)) return finishRecording(line, 'key');
      const input = restingOn(line, 'input');
      if (!input?.waiting.dtmf) return refusal(line, 'The keys were not heard');
      const { maxDigits, submitOnHash } = input.waiting.dtmf;
      // The caller presses the keys and stops: the entry ends on maxDigits, on # (submitOnHash), or by timing out.
      let digits = action.digits;
      let timedOut = true;
      const hash = submitOnHash ? digits.indexOf('#') : -1;
      if (hash >= 0) [digits, timedOut] = [digits.slice(0, hash + 1), false];
      if (digits.length >= maxDigits) [digits, timedOut] = [digits.slice(0, maxDigits), false];
      line.transcript.push({ type: 'keys', digits });
      return answerInput(line, { type: 'dtmf', digits, timedOut });
    }
    case 'speech': {
      const input = restingOn(line, 'input');
      if (!input?.waiting.speech) return refusal(line, 'Nobody is listening for speech');
      line.transcript.push({ type: 'speech', text: action.text });
      return answerInput(line, { type: 'speech', text: action.text });
    }
    case 'timeout':
      return timeOut(line);
    case 'connect': {
      if (!restingOn(line, 'connect')) return refusal(line, 'No connect is ringing');
      return connectOutcome(line, action.outcome);
    }
    case 'record': {
      if (!restingOn(line, 'record')) return refusal(line, 'Nothing is recording');
      if (action.outcome === 'finish' && action.message) line.transcript.push({ type: 'speech', text: action.message });
      return finishRecording(line, action.outcome === 'finish' ? 'done' : 'silence');
    }
    case 'end-conference':
      if (!restingOn(line, 'conversation')) return refusal(line, 'There is no conference to end');
      note(line, 'The conference ended');
      return moveOn(line);
  }
}

async function timeOut(line: Line): Promise<ActResult> {
  const waiting = line.rest?.waiting;
  switch (waiting?.type) {
    case 'input':
      line.transcript.push({ type: 'silence', during: 'input' });
      return answerInput(line, { type: 'timeout', speech: waiting.speech !== null });
    case 'record':
      return finishRecording(line, 'silence');
    case 'connect':
      // Nobody picked up before the connect's ringing time ran out.
      return connectOutcome(line, 'timeout');
    case 'wait':
      return moveOn(line);
    default:
      return refusal(line, 'Nothing can time out');
  }
}

async function answerInput(line: Line, outcome: InputOutcome): Promise<ActResult> {
  const rest = line.rest;
  if (rest?.action.action !== 'input') return refusal(line, 'No input is listening');
  const { options } = line;
  const url = rest.action.eventUrl?.[0] ?? options.urls.event;
  clearRest(line);
  const result = await line.hooks.callback('input', url, inputResult(options.call, outcome, options.now()), { method: rest.action.eventMethod, type: 'event' });
  if (result.type === 'ncco') take(line, result.ncco);
  await proceed(line);
  return { ok: true };
}

async function finishRecording(line: Line, how: 'key' | 'done' | 'silence'): Promise<ActResult> {
  const rest = line.rest;
  if (rest?.action.action !== 'record' || !line.recording) return refusal(line, 'Nothing is recording');
  if (how === 'key') line.transcript.push({ type: 'keys', digits: rest.action.endOnKey ?? '' });
  if (how === 'silence') line.transcript.push({ type: 'silence', during: 'record' });
  const recording = line.recording;
  line.recording = null;
  clearRest(line);
  await postRecording(line, recording);
  await proceed(line);
  return { ok: true };
}

async function connectOutcome(line: Line, outcome: ConnectOutcome | 'timeout'): Promise<ActResult> {
  const rest = line.rest;
  if (rest?.action.action !== 'connect' || rest.waiting.type !== 'connect' || !rest.leg) return refusal(line, 'No connect is ringing');
  const { options } = line;
  const { action, waiting } = rest;
  const leg = rest.leg;
  const url = action.eventUrl?.[0] ?? options.urls.event;
  const synchronous = action.eventType === 'synchronous';
  const send = (status: string, extra: Record<string, unknown>) => {
    const payload = legEvent(options.call, leg, status, options.now(), extra);
    const opts = { method: action.eventMethod, status };
    return synchronous ? line.hooks.callback('connect', url, payload, { ...opts, type: 'event' }) : line.hooks.event('connect', url, payload, opts).then(() => null);
  };
  clearRest(line);
  if (outcome === 'answered') {
    const answeredAt = options.now();
    await send('answered', { start_time: null, rate: null, network: null });
    note(line, `${waiting.endpoint} answered; you talk, then they hang up`);
    await send('completed', endedFields(answeredAt, options.now(), 'user'));
    // The bridge is over: the NCCO carries on after the connect (reference.md §1.5).
    await proceed(line);
    return { ok: true };
  }
  note(line, outcome === 'timeout' ? `${waiting.endpoint} did not answer in ${waiting.timeout} s` : `${waiting.endpoint}: ${outcome}`);
  const result = await send(outcome, FAILURE_DETAIL[outcome] ?? {});
  // With eventType synchronous, an NCCO answered to a failure state replaces the current one.
  if (result?.type === 'ncco') take(line, result.ncco);
  await proceed(line);
  return { ok: true };
}

async function moveOn(line: Line): Promise<ActResult> {
  clearRest(line);
  await proceed(line);
  return { ok: true };
}
