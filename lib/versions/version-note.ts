import { z } from 'zod';
import { VERSION_NOTE_MAX } from './create-version';

/** Why a version was published, as every route that publishes reads it. */
export const VersionNoteSchema = z
  .string({ error: 'A note must be text' })
  .trim()
  .max(VERSION_NOTE_MAX, `A note is at most ${VERSION_NOTE_MAX} characters`)
  .default('');
