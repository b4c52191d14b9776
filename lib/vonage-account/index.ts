/**
 * The Vonage account side (issue 7): numbers, the application's webhooks, health, outbound test calls.
 * Server-only: it holds the API secret and the private key. Every expected failure is a value.
 */
export { connect, DEFAULT_TIMEOUT_MS, missingCredentials, vonageClient, type VonageDeps, type VonageHosts } from './client';
export { failure, type VonageFailure, type VonageFailureCode, type VonageResult } from './result';
export { LinkNumberSchema, linkNumber, listOwnedNumbers, PAGE_SIZE, type LinkNumberInput } from './numbers';
export { linkStateOf, type LinkState, type OwnedNumber, type VoiceRoute } from './owned-number';
export {
  planWebhookChanges,
  switchboardWebhooks,
  WEBHOOK_FIELD_LABELS,
  type VonageApplication,
  type WebhookChange,
  type WebhookField,
} from './application-plan';
export { ensureApplicationWebhooks, readApplication, type WebhookUpdate } from './application-webhooks';
export { vonageHealth, type HealthOptions } from './health';
export type { HealthFinding, HealthFindingCode } from './finding';
export { placeTestCall, TestCallSchema, type PlacedCall, type TestCallInput } from './test-call';
