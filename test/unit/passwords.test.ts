import { describe, expect, it } from 'vitest';
import { NewPasswordSchema } from '@/lib/auth/account-fields';
import { generatePassword, hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { CHEAP_SCRYPT } from '../helpers/auth';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a salt, and never the password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain('correct horse battery');
  });

  it('salts every hash, so equal passwords do not look equal', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', CHEAP_SCRYPT), hashPassword('same password', CHEAP_SCRYPT)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash (so the default can be raised later)', async () => {
    const cheap = await hashPassword('an older password', CHEAP_SCRYPT);
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', cheap)).toBe(true);
  });

  it.each([
    ['a wrong password', (hash: string) => ['correct horse batterY', hash]],
    ['an empty password', (hash: string) => ['', hash]],
    ['a tampered hash', (hash: string) => ['correct horse battery', hash.slice(0, -6) + 'AAAAA=']],
    ['a hash with other parameters', (hash: string) => ['correct horse battery', hash.replace('$1024$', '$2048$')]],
    ['a malformed hash', () => ['correct horse battery', 'plaintext']],
    ['another algorithm', () => ['correct horse battery', '$2b$10$abcdefghijklmnopqrstuv']],
  ] as const)('refuses %s', async (_, make) => {
    const hash = await hashPassword('correct horse battery', CHEAP_SCRYPT);
    const [password, stored] = make(hash);
    expect(await verifyPassword(password, stored)).toBe(false);
  });

  it('treats canonically equivalent Unicode as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!', CHEAP_SCRYPT);
    expect(await verifyPassword('cafe\u0301 au lait!', hash)).toBe(true);
  });
});

describe('password rules', () => {
  it.each([
    ['123456789', false],
    ['1234567890', true],
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
  ])('%s is %s', (password, ok) => {
    expect(NewPasswordSchema.safeParse(password).success).toBe(ok);
  });

  it('generates temporary passwords that pass the rules and differ every time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(NewPasswordSchema.safeParse(password).success).toBe(true);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
