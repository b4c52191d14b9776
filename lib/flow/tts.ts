import { z } from 'zod';

/**
 * Text-to-speech languages Vonage's `talk` action accepts (BCP-47), from the Node SDK's TTSLanguages
 * enum and the NCCO reference. The flow settings and the Say node choose from this list only.
 */
export const TTS_LANGUAGES = {
  'en-US': 'English (US)',
  'en-GB': 'English (UK)',
} as const;

export type TtsLanguage = keyof typeof TTS_LANGUAGES;

export const TtsLanguageSchema = z.enum(Object.keys(TTS_LANGUAGES) as [TtsLanguage, ...TtsLanguage[]], {
  error: 'Choose a language from the list',
});

export const LANGUAGE_OPTIONS = Object.entries(TTS_LANGUAGES).map(([value, label]) => ({ value, label }));
