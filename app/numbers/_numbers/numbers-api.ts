import { callApi, sendJson } from '@/app/_shell/call-api';
import type { NumberBody } from '@/lib/api/numbers-handlers';
import type { PointApplicationBody } from '@/lib/api/vonage-application-handlers';
import type { NumbersWithVonageBody, VonageHealthBody } from '@/lib/api/vonage-handlers';
import type { Wire } from '@/lib/api/wire';
import type { ListedNumber } from '@/lib/numbers/listed-number';
import type { HoursOverride } from '@/lib/numbers/number-settings';

/** A number as the page holds it (JSON dates). */
export type NumberView = Wire<ListedNumber>;
export type VonageListingView = Wire<NumbersWithVonageBody>['vonage'];

const path = (number: string) => `/api/numbers/${encodeURIComponent(number)}`;

export const loadWithVonage = () => callApi<Wire<NumbersWithVonageBody>>('/api/numbers?source=vonage', { cache: 'no-store' });
export const loadHealth = () => callApi<Wire<VonageHealthBody>>('/api/vonage/health', { cache: 'no-store' });
/** Without `confirm` only what would change (nothing is sent to Vonage); with it, the change itself. */
export const pointApplication = (confirm: boolean) => callApi<PointApplicationBody>('/api/vonage/application', sendJson('POST', confirm ? { confirm } : {}));
export const addNumber = (number: string, label: string) => callApi<Wire<NumberBody>>('/api/numbers', sendJson('POST', { number, label }));
/** Moving to another flow leaves nothing live until it is published to the number (7a's publish dialog). */
export const assignFlow = (number: string, flowId: string | null) => callApi<Wire<NumberBody>>(path(number), sendJson('PUT', { flowId, versionId: null }));
export const saveSettings = (number: string, body: { testCallers?: string[]; hoursOverride?: HoursOverride; overrideMessage?: string }) =>
  callApi<Wire<NumberBody>>(path(number), sendJson('PATCH', body));
