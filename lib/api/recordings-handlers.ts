import type { Db } from '@/db/client';
import type { Config } from '@/lib/config';
import { getRecording, listRecordings, RecordingFilterSchema, type RecordingSummary } from '@/lib/recordings/store';
import { fetchVonageFile } from '@/lib/recordings/vonage-fetch';
import { zodIssues } from './issues';
import { json, problem } from './responses';

export type RecordingListBody = { recordings: RecordingSummary[]; next: string | null };

/** GET /api/recordings?flowId=&before=&limit=: the voicemail inbox, newest first. */
export function handleListRecordings(db: Db, request: Request): Response {
  const filter = RecordingFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) return problem(400, 'invalid_request', 'The filters are not valid', zodIssues(filter.error));
  return json(listRecordings(db, filter.data) satisfies RecordingListBody);
}

/** Upstream headers a browser needs to play and seek (Range) the audio; nothing else is passed on. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/**
 * GET /api/recordings/:id/audio: the recording streamed through Switchboard (browsers cannot hold the
 * application's JWT). The Range header goes to Vonage and its 200/206/416 comes back as it was.
 */
export async function handleRecordingAudio(db: Db, config: Config, request: Request, params: { id: string }, fetchImpl?: typeof fetch): Promise<Response> {
  const recording = getRecording(db, params.id);
  if (!recording) return problem(404, 'not_found', `No recording ${params.id}`);
  const range = request.headers.get('range');
  const result = await fetchVonageFile(recording.recordingUrl, range ? { range } : {}, { config, fetch: fetchImpl });
  switch (result.type) {
    case 'refused':
      return result.reason === 'not_configured'
        ? problem(503, 'not_configured', 'Set VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY to play recordings')
        : problem(502, 'host_not_allowed', 'The recording is on a host that is not in RECORDING_HOSTS');
    case 'failed':
      return problem(502, 'upstream_failed', `The recording could not be fetched from Vonage: ${result.message}`);
    case 'response': {
      const upstream = result.response;
      if (upstream.status === 404) return problem(404, 'not_found', 'Vonage no longer has this recording');
      if (![200, 206, 416].includes(upstream.status)) {
        await upstream.body?.cancel();
        return problem(502, 'upstream_failed', `Vonage answered ${upstream.status} for this recording`);
      }
      const headers = new Headers({ 'cache-control': 'private, max-age=300', 'content-disposition': 'inline' });
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) headers.set(name, value);
      }
      return new Response(upstream.body, { status: upstream.status, headers });
    }
    default:
      return result satisfies never;
  }
}
