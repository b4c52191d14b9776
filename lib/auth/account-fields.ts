import { z } from 'zod';

export const PASSWORD_MIN = 10;
/** Long enough for any passphrase; the cap keeps one request from making the server hash megabytes. */
export const PASSWORD_MAX = 200;

/** A password someone is choosing now. Length is the rule that matters (NIST SP 800-63B); no composition rules. */
export const NewPasswordSchema = z
  .string({ error: 'Enter a password' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

/** A password someone is typing to prove who they are: any length is compared, the cap still applies. */
export const GivenPasswordSchema = z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(PASSWORD_MAX, 'Password is incorrect');

/** Emails compare without case and surrounding spaces; they are stored as typed (trimmed). */
export const EmailSchema = z.string({ error: 'Enter an email address' }).trim().pipe(z.email({ error: 'Enter a valid email address' }).max(254));

export const PersonNameSchema = z
  .string({ error: 'Enter a name' })
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'A name is at most 100 characters');
