import { z } from 'zod';

/** A webhook as the Applications API stores it; timeouts and anything newer pass through untouched. */
const WebhookSchema = z.looseObject({ address: z.string().optional(), http_method: z.string().optional() });

/**
 * The application as the Applications API sends it (snake_case, reference.md §6.4), checked only where
 * Switchboard reads or writes; every other key and capability passes through as it came.
 */
export const ApplicationSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  capabilities: z
    .looseObject({
      voice: z
        .looseObject({
          webhooks: z
            .looseObject({ answer_url: WebhookSchema.optional(), fallback_answer_url: WebhookSchema.optional(), event_url: WebhookSchema.optional() })
            .optional(),
          signed_callbacks: z.boolean().optional(),
        })
        .optional(),
      rtc: z.looseObject({ webhooks: z.looseObject({ event_url: WebhookSchema.optional() }).optional() }).optional(),
    })
    .default({}),
});

export type VonageApplication = z.infer<typeof ApplicationSchema>;
type Webhook = z.infer<typeof WebhookSchema>;

/** The settings Switchboard owns on the application, each with the words the UI and the health view use. */
export type WebhookField = 'answer' | 'fallback' | 'event' | 'rtcEvent' | 'signedCallbacks';

export const WEBHOOK_FIELD_LABELS: Record<WebhookField, string> = {
  answer: 'Answer URL',
  fallback: 'Fallback answer URL',
  event: 'Event URL',
  rtcEvent: 'RTC event URL',
  signedCallbacks: 'Signed webhooks',
};

/** One setting that differs from what Switchboard needs, shown as before → after. */
export type WebhookChange = { field: WebhookField; label: string; before: string; after: string };

type UrlField = Exclude<WebhookField, 'signedCallbacks'>;

/** The webhook addresses Switchboard serves under PUBLIC_BASE_URL; all POST so signed payloads hash the body. */
export function switchboardWebhooks(publicBaseUrl: string): Record<UrlField, string> {
  return {
    answer: `${publicBaseUrl}/api/voice/answer`,
    fallback: `${publicBaseUrl}/api/voice/fallback`,
    event: `${publicBaseUrl}/api/voice/event`,
    rtcEvent: `${publicBaseUrl}/api/voice/rtc-event`,
  };
}

function currentWebhooks(app: VonageApplication): Record<UrlField, Webhook | undefined> {
  const voice = app.capabilities.voice?.webhooks;
  return { answer: voice?.answer_url, fallback: voice?.fallback_answer_url, event: voice?.event_url, rtcEvent: app.capabilities.rtc?.webhooks?.event_url };
}

const shown = (hook: Webhook | undefined) => (hook && hook.address ? `${hook.http_method || 'GET'} ${hook.address}` : 'not set');

/** What must change on the application for its calls to reach Switchboard, or [] when nothing must. */
export function planWebhookChanges(app: VonageApplication, publicBaseUrl: string): WebhookChange[] {
  const wanted = switchboardWebhooks(publicBaseUrl);
  const current = currentWebhooks(app);
  const changes = (Object.keys(wanted) as UrlField[])
    .filter((field) => current[field]?.address !== wanted[field] || current[field]?.http_method !== 'POST')
    .map((field): WebhookChange => ({ field, label: WEBHOOK_FIELD_LABELS[field], before: shown(current[field]), after: `POST ${wanted[field]}` }));
  if (app.capabilities.voice?.signed_callbacks !== true) {
    changes.push({ field: 'signedCallbacks', label: WEBHOOK_FIELD_LABELS.signedCallbacks, before: 'off', after: 'on' });
  }
  return changes;
}

const post = (hook: Webhook | undefined, address: string): Webhook => ({ ...hook, address, http_method: 'POST' });

/**
 * The application with Switchboard's webhooks and signing set and nothing else touched: other
 * capabilities, timeouts, keys and names are copied as read. Vonage replaces the whole application on
 * PUT, so whatever is left out here would be deleted.
 */
export function withSwitchboardWebhooks(app: VonageApplication, publicBaseUrl: string): VonageApplication {
  const wanted = switchboardWebhooks(publicBaseUrl);
  const { voice, rtc } = app.capabilities;
  return {
    ...app,
    capabilities: {
      ...app.capabilities,
      voice: {
        ...voice,
        webhooks: {
          ...voice?.webhooks,
          answer_url: post(voice?.webhooks?.answer_url, wanted.answer),
          fallback_answer_url: post(voice?.webhooks?.fallback_answer_url, wanted.fallback),
          event_url: post(voice?.webhooks?.event_url, wanted.event),
        },
        signed_callbacks: true,
      },
      rtc: { ...rtc, webhooks: { ...rtc?.webhooks, event_url: post(rtc?.webhooks?.event_url, wanted.rtcEvent) } },
    },
  };
}

/**
 * The application as Vonage sent it, from what `applications.getApplication` returns. The SDK copies every
 * key into camelCase beside the original (`answerUrl` beside `answer_url`), and on update the camelCase
 * twin, snake-cased again, would overwrite an edit to the original (README §0). Dropping each twin leaves
 * one copy of every field: the one Vonage sent.
 */
export function withoutCamelTwins(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCamelTwins);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const squash = (key: string) => key.replace(/_/g, '').toLowerCase();
  const originals = new Set(keys.filter((key) => !/[A-Z]/.test(key)).map(squash));
  return Object.fromEntries(
    keys
      .filter((key) => !(/[A-Z]/.test(key) && originals.has(squash(key))))
      .map((key) => [key, withoutCamelTwins((value as Record<string, unknown>)[key])]),
  );
}
