import type { TestProject } from 'vitest/node';
import 'vitest';
import { startServer } from '../helpers/server';
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
  const server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...FAKE_VONAGE });
  project.provide('baseUrl', server.baseUrl);
  project.provide('adminToken', await createToken(server.baseUrl, await signInCookie(server.baseUrl, ADMIN.email, ADMIN.password), 'browser tests'));
  return server.stop;
}
