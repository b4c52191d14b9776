import { z } from 'zod';

export const FLOW_NAME_MAX = 100;

/** A flow's display name: what the list and the editor's title show. */
export const FlowNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, 'Name cannot be empty')
  .max(FLOW_NAME_MAX, `Name is at most ${FLOW_NAME_MAX} characters`);

/** The name a copy gets, kept within the length limit so duplicating never fails on a long name. */
export function copyName(name: string): string {
  const suffix = ' copy';
  return `${name.slice(0, FLOW_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}
