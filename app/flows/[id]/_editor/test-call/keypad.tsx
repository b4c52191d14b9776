'use client';

import { useState } from 'react';
import styles from './test-call.module.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

type Props = {
  maxDigits: number;
  submitOnHash: boolean;
  disabled: boolean;
  onSend: (digits: string) => void;
};

/**
 * The phone's keypad. A one-key menu hears the key at once; for longer entries the keys gather until
 * the input has enough (or # ends them, when the input allows), or until Send, which stands for the
 * caller stopping and the input timing out.
 */
export function Keypad({ maxDigits, submitOnHash, disabled, onSend }: Props) {
  const [typed, setTyped] = useState('');
  const press = (key: string) => {
    const next = typed + key;
    if (next.length >= maxDigits || (submitOnHash && key === '#')) {
      setTyped('');
      onSend(next);
    } else setTyped(next);
  };
  return (
    <>
      <div className={styles.keypad} role="group" aria-label="Keypad">
        {KEYS.map((key) => (
          <button key={key} type="button" className={styles.key} onClick={() => press(key)} disabled={disabled} aria-label={`Key ${key}`}>
            {key}
          </button>
        ))}
      </div>
      {maxDigits > 1 && (
        <div className={styles.entry}>
          <input value={typed} readOnly aria-label="Keys pressed so far" placeholder={`Up to ${maxDigits} keys${submitOnHash ? ', # to finish' : ''}`} />
          <button
            type="button"
            onClick={() => {
              onSend(typed);
              setTyped('');
            }}
            disabled={disabled || typed === ''}
          >
            Send
          </button>
        </div>
      )}
    </>
  );
}
