import { VariableNameSchema } from '@/lib/flow/variables';
import { MAX_PREVIEW_VARS } from './preview-request';

export type VarLines = { vars: Record<string, string>; errors: string[] };

/**
 * Reads sample variables written one per line as `name=value` (blank lines skipped). The value is
 * everything after the first =, so it can contain = itself; spaces around name and value are dropped.
 */
export function parseVarLines(text: string): VarLines {
  const vars: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    const eq = line.indexOf('=');
    const name = (eq === -1 ? line : line.slice(0, eq)).trim();
    if (eq === -1) return errors.push(`Line ${i + 1}: write name=value`);
    if (!VariableNameSchema.safeParse(name).success) return errors.push(`Line ${i + 1}: "${name}" is not a variable name (letters, digits and _)`);
    if (Object.hasOwn(vars, name)) return errors.push(`Line ${i + 1}: ${name} is set twice`);
    vars[name] = line.slice(eq + 1).trim();
  });
  if (Object.keys(vars).length > MAX_PREVIEW_VARS) errors.push(`At most ${MAX_PREVIEW_VARS} variables`);
  return { vars, errors };
}
