import fs from 'node:fs';

/** VONAGE_PRIVATE_KEY holds the PEM text itself or the path of the key file (lib/config.ts checked which). */
export function privateKeyPem(value: string): string {
  return value.includes('-----BEGIN') ? value : fs.readFileSync(value, 'utf8');
}
