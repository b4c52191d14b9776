'use client';

import { useState, type FormEvent } from 'react';
import { RelativeTime } from '@/app/_flows/relative-time';
import { callApi, issueFor, sendJson, type ApiError } from '@/app/_shell/call-api';
import styles from '@/app/_shell/page.module.css';
import type { NewTokenBody, TokenBody } from '@/lib/api/tokens-handlers';
import type { Wire } from '@/lib/api/wire';
import type { ApiToken } from '@/lib/auth/tokens';

/** JSON turns dates into strings; the list shows them as dates again. */
function revive(token: Wire<ApiToken>): ApiToken {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return { ...token, createdAt: new Date(token.createdAt), lastUsedAt: date(token.lastUsedAt), revokedAt: date(token.revokedAt) };
}

/** The user's tokens: create one (its secret is shown once, here), see when each was last used, revoke. */
export function ApiTokens({ initial, renderedAt }: { initial: ApiToken[]; renderedAt: number }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi<Wire<NewTokenBody>>('/api/tokens', sendJson('POST', { name }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTokens([revive(result.data.token), ...tokens]);
    setCreated({ name: result.data.token.name, secret: result.data.secret });
    setName('');
  }

  async function revoke(id: string) {
    const result = await callApi<Wire<TokenBody>>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTokens(tokens.map((token) => (token.id === id ? revive(result.data.token) : token)));
  }

  return (
    <div className={styles.panel}>
      <div className={styles.panelBody}>
        <form className={styles.inlineForm} onSubmit={create} noValidate>
          <div>
            <label htmlFor="token-name">New token name</label>
            <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI deploys" maxLength={80} />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </form>
        {error && <p className="field-error">{issueFor(error, 'name') ?? error.message}</p>}
        {created && (
          <div role="status" data-testid="new-token">
            <p className={styles.success}>
              Token “{created.name}” created. Copy it now: Switchboard keeps only a hash and cannot show it again.
            </p>
            <div className={styles.secret}>
              <code data-testid="new-token-secret">{created.secret}</code>
              <button type="button" onClick={() => void navigator.clipboard?.writeText(created.secret)}>
                Copy
              </button>
            </div>
          </div>
        )}
      </div>
      {tokens.length === 0 ? (
        <p className={styles.empty}>No tokens yet.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className={styles.visuallyHidden}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td className={styles.mono}>{token.prefix}…</td>
                <td className={styles.muted}>
                  <RelativeTime date={token.createdAt} renderedAt={renderedAt} />
                </td>
                <td className={styles.muted}>
                  {token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} renderedAt={renderedAt} /> : 'Never'}
                </td>
                <td className={styles.end}>
                  {token.revokedAt ? (
                    <span className={`${styles.badge} ${styles.badgeDanger}`}>Revoked</span>
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(token.id)}>
                      Revoke<span className={styles.visuallyHidden}> {token.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
