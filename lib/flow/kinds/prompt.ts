import { z } from 'zod';
import type { Field } from '../fields';
import { httpsUrlProblem } from './formats';

/**
 * The prompt Menu and Collect digits play before listening (not a kind itself). Only the chosen form is
 * checked, so text typed before switching to audio (or the reverse) is kept without blocking the node.
 */
export const promptShape = {
  promptType: z.enum(['say', 'play'], { error: 'Choose Say text or Play audio' }),
  prompt: z.string().max(1500, 'Vonage speaks at most 1,500 characters'),
  promptUrl: z.string(),
};

type PromptData = { promptType: 'say' | 'play'; prompt: string; promptUrl: string };

export function checkPrompt(data: PromptData, ctx: z.RefinementCtx): void {
  if (data.promptType === 'say' && !data.prompt.trim()) {
    ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'Type the prompt the caller hears' });
  }
  const urlProblem = data.promptType === 'play' ? httpsUrlProblem(data.promptUrl) : null;
  if (urlProblem) ctx.addIssue({ code: 'custom', path: ['promptUrl'], message: urlProblem });
}

export function promptFields(placeholder: string): Field[] {
  return [
    {
      type: 'select',
      key: 'promptType',
      label: 'Prompt',
      options: [
        { value: 'say', label: 'Say text' },
        { value: 'play', label: 'Play audio' },
      ],
    },
    { type: 'text', key: 'prompt', label: 'Prompt text', multiline: true, templated: true, placeholder, visible: (d) => d.promptType !== 'play' },
    {
      type: 'text',
      key: 'promptUrl',
      label: 'Audio file link',
      placeholder: 'https://example.com/audio/prompt.mp3',
      help: 'A public https:// link to an MP3 or WAV file',
      visible: (d) => d.promptType === 'play',
    },
  ];
}
