import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword, type ScryptParams } from '@/lib/auth/passwords';
import type { Role } from '@/lib/auth/roles';
import type { AuthSettings } from '@/lib/auth/settings';
import { createUser, type User } from '@/lib/auth/users';

/** scrypt at a cost tests can afford hundreds of times; verification reads the cost from the hash. */
export const CHEAP_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

/** A stored user; the password (hashed cheaply) signs in unless `mustChangePassword` says otherwise. */
export async function createTestUser(
  db: Db,
  { role = 'editor', email = `${role}@example.test`, password = 'correct horse battery', mustChangePassword = false }: {
    role?: Role;
    email?: string;
    password?: string;
    mustChangePassword?: boolean;
  } = {},
): Promise<User> {
  const result = createUser(db, { email, name: `Test ${role}`, role, passwordHash: await hashPassword(password, CHEAP_SCRYPT), mustChangePassword });
  if (!result.ok) throw new Error(`test user ${email} already exists`);
  return result.user;
}

/**
 * A user who can never sign in (no password matches) and the Actor the guard would hand a route for them,
 * for calling handlers directly.
 */
export function testActor(db: Db, role: Role = 'editor', email = `${role}@example.test`): Actor {
  const result = createUser(db, { email, name: `Test ${role}`, role, passwordHash: 'none', mustChangePassword: false });
  if (!result.ok) throw new Error(`test user ${email} already exists`);
  return { user: result.user, credential: { kind: 'token', id: 'tok_test' }, client: { address: '203.0.113.7', https: false }, userAgent: 'vitest' };
}

/** Settings as the guard derives them from the configuration, for a server at https://sb.example.com. */
export function testAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    publicBaseUrl: 'https://sb.example.com',
    publicOrigin: 'https://sb.example.com',
    sessions: { days: 14, idleMinutes: 60 },
    isTrustedProxy: () => false,
    ...overrides,
  };
}

/** A Request to the test server; a string body is sent raw, and `origin: true` sends Switchboard's own Origin. */
export function apiRequest(
  method: string,
  path: string,
  { body, headers = {}, origin = false }: { body?: unknown; headers?: Record<string, string>; origin?: boolean | string } = {},
): Request {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (origin) all.origin = origin === true ? 'https://sb.example.com' : origin;
  return new Request(`https://sb.example.com${path}`, {
    method,
    headers: all,
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The name=value part of a Set-Cookie header, as a browser would send it back. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie');
  if (!header) throw new Error('the response set no cookie');
  return header.split(';')[0];
}
