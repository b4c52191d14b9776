import type { AuditRow } from '@/db/accounts-schema';
import type { AuditAction } from './actions';

type Details = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
const quoted = (value: unknown): string => `“${text(value)}”`;

function versionOf(binding: unknown): string {
  if (typeof binding !== 'object' || binding === null) return 'nothing';
  const { flowName, versionNumber } = binding as Details;
  if (!flowName) return 'nothing';
  return versionNumber ? `${quoted(flowName)} v${text(versionNumber)}` : `${quoted(flowName)} (nothing live)`;
}

/** Where a publish or rollback went live and where Vonage refused, from its per-number outcomes. */
function numbersOf(outcomes: unknown): string {
  if (!Array.isArray(outcomes) || outcomes.length === 0) return '';
  const list = (live: boolean) => outcomes.filter((o: Details) => o?.live === live).map((o: Details) => text(o.number));
  const live = list(true);
  const refused = list(false);
  return [live.length > 0 && ` · live on ${live.join(', ')}`, refused.length > 0 && ` · Vonage refused ${refused.join(', ')}`].filter(Boolean).join('');
}

function changes(details: Details): string {
  return (['role', 'disabled', 'name'] as const)
    .filter((key) => typeof details[key] === 'object' && details[key] !== null)
    .map((key) => {
      const { from, to } = details[key] as { from: unknown; to: unknown };
      if (key === 'disabled') return to ? 'disabled the account' : 'enabled the account';
      return `${key} ${text(from)} → ${text(to)}`;
    })
    .join(', ');
}

/** The settings a webhook change touched, by their labels: "Answer URL, Signed webhooks". */
function labelsOf(changes: unknown): string {
  return Array.isArray(changes) ? changes.map((c: Details) => text(c?.label)).join(', ') : '';
}

/**
 * One line saying what an entry changed, from its details. Entries are history: a detail missing from an
 * old entry yields a shorter line, never an error.
 */
export function describeAudit(entry: Pick<AuditRow, 'action' | 'details'>): string {
  const d = entry.details;
  const action = entry.action as AuditAction;
  switch (action) {
    case 'flow.created':
    case 'flow.imported':
    case 'flow.deleted':
      return quoted(d.name);
    case 'flow.renamed':
      return `${quoted(d.from)} → ${quoted(d.to)}`;
    case 'flow.edited':
      return typeof d.saves === 'number' ? `${quoted(d.name)}, ${d.saves} saves` : quoted(d.name);
    case 'version.published':
      return `Version ${text(d.number)}${d.note ? `: ${text(d.note)}` : ''}${numbersOf(d.numbers)}`;
    case 'version.made_live':
      return `Version ${text(d.number)}${numbersOf(d.numbers)}`;
    case 'number.created':
    case 'number.deleted':
      return `${d.label ? `${text(d.label)}, ` : ''}answered by ${versionOf(d)}`;
    case 'number.changed':
      return `${versionOf(d.from)} → ${versionOf(d.to)}`;
    case 'number.settings_changed':
      return numberSettings(d.to);
    case 'user.invited':
      return `${text(d.email)} as ${text(d.role)}`;
    case 'user.changed':
      return `${text(d.email)}: ${changes(d)}`;
    case 'user.password_reset':
      return text(d.email);
    case 'token.created':
    case 'token.revoked':
      return `${quoted(d.name)} (${text(d.prefix)}…)`;
    case 'login.failed':
      return d.reason === 'unknown_account' ? 'No account with that email' : 'Wrong password, or a disabled account';
    case 'setup.completed':
      return d.from === 'ADMIN_EMAIL' ? 'From ADMIN_EMAIL at start-up' : 'Through the setup page';
    case 'test_call.started':
      return `${d.version === 'draft' ? 'Draft' : 'Published version'} of ${quoted(d.flowName)}, ${text(d.from)} → ${text(d.to)}`;
    case 'scenario.created':
    case 'scenario.changed':
    case 'scenario.deleted':
      return `${quoted(d.name)} of ${quoted(d.flowName)}`;
    case 'scenarios.run':
      return `${quoted(d.flowName)}: ${text(d.passed)} of ${text(d.total)} passed`;
    case 'vonage.application_pointed':
      return `${labelsOf(d.changes)}${Array.isArray(d.numbers) ? ` · affects ${d.numbers.map(text).join(', ') || 'no number yet'}` : ''}`;
    case 'login.succeeded':
    case 'logout':
    case 'password.changed':
      return '';
    default:
      return action satisfies never;
  }
}

/** A number's settings in a few words: "2 test callers, forced closed". */
function numberSettings(value: unknown): string {
  const settings = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const callers = Array.isArray(settings.testCallers) ? settings.testCallers.length : 0;
  const override = settings.hoursOverride === 'open' || settings.hoursOverride === 'closed' ? `forced ${settings.hoursOverride}` : 'follows the schedule';
  return `${callers} test ${callers === 1 ? 'caller' : 'callers'}, ${override}`;
}
