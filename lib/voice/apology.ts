import type { Config } from '@/lib/config';
import type { FlowSettings } from '@/lib/flow/settings';
import type { Ncco } from '@/lib/ncco';

/**
 * What a caller hears when Switchboard cannot run the flow (unknown number, broken version, an error):
 * never silence. The flow's own apology when the flow is known, else the configured one; then, when a
 * forwarding number is configured, the call is put through to it so a person can still help.
 */
export function apology(config: Config, calledNumber: string | null, settings?: FlowSettings): Ncco {
  const ncco: Ncco = [
    {
      action: 'talk',
      text: settings?.apologyText ?? config.FALLBACK_APOLOGY_TEXT,
      ...(settings ? { language: settings.language } : {}),
    },
  ];
  if (config.FALLBACK_FORWARD_NUMBER) {
    ncco.push({
      action: 'connect',
      // The caller's own number cannot be sent as caller ID on PSTN; the number they dialled is ours.
      ...(calledNumber && /^[1-9]\d{6,14}$/.test(calledNumber) ? { from: calledNumber } : {}),
      endpoint: [{ type: 'phone', number: config.FALLBACK_FORWARD_NUMBER }],
    });
  }
  return ncco;
}
