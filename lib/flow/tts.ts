import { z } from 'zod';

/**
 * Text-to-speech languages Vonage's `talk` action accepts (BCP-47), from the Node SDK's TTSLanguages
 * enum and the NCCO reference. The flow settings and the Say node choose from this list only.
 * Ordered by label so the picker reads alphabetically.
 */
export const TTS_LANGUAGES = {
  'af-ZA': 'Afrikaans (South Africa)',
  ar: 'Arabic',
  'eu-ES': 'Basque (Spain)',
  'bn-IN': 'Bengali (India)',
  'bg-BG': 'Bulgarian (Bulgaria)',
  'yue-CN': 'Cantonese (China)',
  'ca-ES': 'Catalan (Spain)',
  'cmn-CN': 'Chinese, Mandarin (China)',
  'cmn-TW': 'Chinese, Mandarin (Taiwan)',
  'cs-CZ': 'Czech (Czech Republic)',
  'da-DK': 'Danish (Denmark)',
  'nl-BE': 'Dutch (Belgium)',
  'nl-NL': 'Dutch (Netherlands)',
  'en-AU': 'English (Australia)',
  'en-IN': 'English (India)',
  'en-IE': 'English (Ireland)',
  'en-NZ': 'English (New Zealand)',
  'en-GB-SCT': 'English (Scotland)',
  'en-ZA': 'English (South Africa)',
  'en-GB': 'English (UK)',
  'en-US': 'English (US)',
  'en-GB-WLS': 'English (Wales)',
  'fil-PH': 'Filipino (Philippines)',
  'fi-FI': 'Finnish (Finland)',
  'fr-CA': 'French (Canada)',
  'fr-FR': 'French (France)',
  'gl-ES': 'Galician (Spain)',
  'de-AT': 'German (Austria)',
  'de-ET': 'German (de-ET)',
  'de-DE': 'German (Germany)',
  'el-GR': 'Greek (Greece)',
  'gu-IN': 'Gujarati (India)',
  'he-IL': 'Hebrew (Israel)',
  'hi-IN': 'Hindi (India)',
  'hu-HU': 'Hungarian (Hungary)',
  'is-IS': 'Icelandic (Iceland)',
  'id-ID': 'Indonesian (Indonesia)',
  'it-IT': 'Italian (Italy)',
  'ja-JP': 'Japanese (Japan)',
  'kn-IN': 'Kannada (India)',
  'ko-KR': 'Korean (South Korea)',
  'lv-LV': 'Latvian (Latvia)',
  'ms-MY': 'Malay (Malaysia)',
  'ml-IN': 'Malayalam (India)',
  'no-NO': 'Norwegian (Norway)',
  'nb-NO': 'Norwegian Bokmål (Norway)',
  'pl-PL': 'Polish (Poland)',
  'pt-BR': 'Portuguese (Brazil)',
  'pt-PT': 'Portuguese (Portugal)',
  'pa-IN': 'Punjabi (India)',
  'ro-RO': 'Romanian (Romania)',
  'ru-RU': 'Russian (Russia)',
  'sr-RS': 'Serbian (Serbia)',
  'sk-SK': 'Slovak (Slovakia)',
  'es-CO': 'Spanish (Colombia)',
  'es-MX': 'Spanish (Mexico)',
  'es-ES': 'Spanish (Spain)',
  'es-US': 'Spanish (US)',
  'sv-SE': 'Swedish (Sweden)',
  'ta-IN': 'Tamil (India)',
  'te-IN': 'Telugu (India)',
  'th-TH': 'Thai (Thailand)',
  'tr-TR': 'Turkish (Turkey)',
  'uk-UA': 'Ukrainian (Ukraine)',
  'vi-VN': 'Vietnamese (Vietnam)',
  'cy-GB': 'Welsh (UK)',
} as const;

export type TtsLanguage = keyof typeof TTS_LANGUAGES;

export const TtsLanguageSchema = z.enum(Object.keys(TTS_LANGUAGES) as [TtsLanguage, ...TtsLanguage[]], {
  error: 'Choose a language from the list',
});

export const LANGUAGE_OPTIONS = Object.entries(TTS_LANGUAGES).map(([value, label]) => ({ value, label }));
