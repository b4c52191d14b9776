import { describe, expect, it } from 'vitest';
import { allowedRecordingUrl } from '@/lib/recordings/hosts';
import { transcriptText } from '@/lib/recordings/transcript';

const HOSTS = ['api.nexmo.com', 'api-us.nexmo.com', '127.0.0.1:8080'];

describe('allowedRecordingUrl', () => {
  it.each<[string, boolean]>([
    ['https://api.nexmo.com/v1/files/aaaaaaaa-bbbb-cccc-dddd-0123456789ab', true],
    ['https://API-US.nexmo.com/v1/files/x', true],
    ['https://api.nexmo.com:443/v1/files/x', true],
    ['http://127.0.0.1:8080/v1/files/x', true],
    ['http://api.nexmo.com/v1/files/x', false],
    ['https://api.nexmo.com:8443/v1/files/x', false],
    ['https://api.nexmo.com.evil.example/v1/files/x', false],
    ['https://evil.example/?u=https://api.nexmo.com/', false],
    ['https://user:pass@api.nexmo.com/v1/files/x', false],
    ['http://127.0.0.1:9090/v1/files/x', false],
    ['ftp://api.nexmo.com/x', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(allowedRecordingUrl(url, HOSTS) !== null).toBe(allowed);
  });
});

describe('transcriptText', () => {
  it.each<[string, unknown, string | null]>([
    ['sentences from channels', { channels: [{ transcript: [{ sentence: 'Hello.', words: [{ word: 'Hello' }] }, { sentence: 'Call me.' }] }] }, 'Hello. Call me.'],
    ['a transcript string', { transcript: 'Hi there' }, 'Hi there'],
    ['a text field', { results: [{ text: 'one' }, { text: 'two' }] }, 'one two'],
    ['plain text', '  words  ', 'words'],
    ['nothing readable', { channels: [] }, null],
  ])('reads %s', (_, document, expected) => {
    expect(transcriptText(document)).toBe(expected);
  });
});
