import type { TestProject } from 'vitest/node';
import 'vitest';
import { startServer } from '../helpers/server';
import { startVonageEmulator } from '../helpers/vonage-emulator';
import { ADMIN, createToken, FAKE_VONAGE, signInCookie } from '../helpers/session';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** An API token of the admin, for tests that set things up through the API. */
    adminToken: string;
  }
}

/**
 * Starts one production server for every browser test and hands its URL to them. The first admin comes
 * from ADMIN_EMAIL / ADMIN_PASSWORD, as in an unattended install; Vonage credentials are made up.
 */
export default async function setup(project: TestProject) {
  // The made-up account lives in the Vonage emulator, so pages that ask Vonage (Numbers, health) never reach the real one.
  const vonage = await startVonageEmulator({
    apiKey: FAKE_VONAGE.VONAGE_API_KEY,
    apiSecret: FAKE_VONAGE.VONAGE_API_SECRET,
    applicationId: FAKE_VONAGE.VONAGE_APPLICATION_ID,
    numbers: EMULATED_NUMBERS,
    applications: [{ id: FAKE_VONAGE.VONAGE_APPLICATION_ID, name: 'Switchboard tests', capabilities: { voice: { webhooks: {}, signed_callbacks: false } } }],
  });
  const server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...FAKE_VONAGE, VONAGE_REST_HOST: vonage.url, VONAGE_API_HOST: vonage.url });
  project.provide('baseUrl', server.baseUrl);
  project.provide('adminToken', await createToken(server.baseUrl, await signInCookie(server.baseUrl, ADMIN.email, ADMIN.password), 'browser tests'));
  return async () => {
    await server.stop();
    await vonage.stop();
  };
}

/** The emulated account's numbers: one linked to the application, one linked to another, one forwarded to SIP. */
export const EMULATED_NUMBERS = [
  { country: 'GB', msisdn: '447700900300', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: FAKE_VONAGE.VONAGE_APPLICATION_ID },
  { country: 'GB', msisdn: '447700900400', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: 'ffffffff-0000-1111-2222-333333333333' },
  { country: 'GB', msisdn: '447700900500', features: ['VOICE'], voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@pbx.example.com' },
];
