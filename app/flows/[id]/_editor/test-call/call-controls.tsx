'use client';

import { useState } from 'react';
import type { CallerAction, ConnectOutcome, Waiting } from '@/lib/simulator/transcript';
import { Keypad } from './keypad';
import styles from './test-call.module.css';

const OUTCOMES: { outcome: ConnectOutcome; label: string }[] = [
  { outcome: 'answered', label: 'Answered' },
  { outcome: 'busy', label: 'Busy' },
  { outcome: 'unanswered', label: 'No answer' },
  { outcome: 'failed', label: 'Failed' },
];

type Props = { waiting: Waiting; busy: boolean; act: (action: CallerAction) => void };

/** What the tester can do at the action the call waits at. */
export function CallControls({ waiting, busy, act }: Props) {
  switch (waiting.type) {
    case 'input':
      return <InputControls waiting={waiting} busy={busy} act={act} />;
    case 'record':
      return <RecordControls waiting={waiting} busy={busy} act={act} />;
    case 'connect':
      return (
        <>
          <p className={styles.waiting}>Ringing {waiting.endpoint}: what happens?</p>
          <div className={styles.row} role="group" aria-label="Connect outcome">
            {OUTCOMES.map(({ outcome, label }) => (
              <button key={outcome} type="button" onClick={() => act({ type: 'connect', outcome })} disabled={busy}>
                {label}
              </button>
            ))}
          </div>
        </>
      );
    case 'conversation':
      return (
        <>
          <p className={styles.waiting}>In the conference “{waiting.name}”</p>
          <div className={styles.row}>
            <button type="button" onClick={() => act({ type: 'end-conference' })} disabled={busy}>
              End the conference
            </button>
          </div>
        </>
      );
    case 'wait':
      return (
        <>
          <p className={styles.waiting}>A pause of {waiting.seconds} s</p>
          <div className={styles.row}>
            <button type="button" onClick={() => act({ type: 'timeout' })} disabled={busy}>
              Skip the pause
            </button>
          </div>
        </>
      );
    case 'hold':
      return <p className={styles.waiting}>{waiting.reason}</p>;
    default:
      return waiting satisfies never;
  }
}

function InputControls({ waiting, busy, act }: Props & { waiting: Extract<Waiting, { type: 'input' }> }) {
  const [words, setWords] = useState('');
  const ask = waiting.dtmf && waiting.speech ? 'Press keys or say something' : waiting.dtmf ? 'Press keys' : 'Say something';
  return (
    <>
      <p className={styles.waiting}>Listening: {ask}</p>
      {waiting.dtmf && (
        <Keypad maxDigits={waiting.dtmf.maxDigits} submitOnHash={waiting.dtmf.submitOnHash} disabled={busy} onSend={(digits) => act({ type: 'keys', digits })} />
      )}
      {waiting.speech && (
        <form
          className={styles.entry}
          onSubmit={(event) => {
            event.preventDefault();
            if (!words.trim()) return;
            act({ type: 'speech', text: words.trim() });
            setWords('');
          }}
        >
          <input value={words} onChange={(e) => setWords(e.target.value)} placeholder="What the caller says" aria-label="What the caller says" />
          <button type="submit" disabled={busy || !words.trim()}>
            Say
          </button>
        </form>
      )}
      <div className={styles.row}>
        <button type="button" className="ghost" onClick={() => act({ type: 'timeout' })} disabled={busy}>
          Stay silent until it times out
        </button>
      </div>
    </>
  );
}

function RecordControls({ waiting, busy, act }: Props & { waiting: Extract<Waiting, { type: 'record' }> }) {
  const [message, setMessage] = useState('');
  return (
    <>
      <p className={styles.waiting}>Recording{waiting.endOnKey ? ` (press ${waiting.endOnKey} to finish)` : ''}</p>
      <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder="The message the caller leaves (optional)" aria-label="Message" />
      <div className={styles.row}>
        <button type="button" onClick={() => act({ type: 'record', outcome: 'finish', ...(message.trim() && { message: message.trim() }) })} disabled={busy}>
          Finish the message
        </button>
        <button type="button" onClick={() => act({ type: 'record', outcome: 'skip' })} disabled={busy}>
          Leave no message
        </button>
      </div>
    </>
  );
}
