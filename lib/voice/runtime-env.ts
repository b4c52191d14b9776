import { getContinuationSecret } from '@/lib/app-state';
import { getLatestVersion } from '@/lib/versions/read';
import type { CallInfo, RuntimeEnv } from '@/lib/runtime/engine';
import { createContinuationToken } from '@/lib/vonage/continuation-token';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';

/**
 * The engine's view of the outside world for one call: continuation URLs are signed for this call, so
 * nobody can forge a jump into a flow; Go to flow runs the target version pinned when the call started.
 */
export function runtimeEnv(call: CallInfo, deps: VoiceDeps, pinned: Record<string, string> = {}): RuntimeEnv {
  const secret = getContinuationSecret(deps.db);
  const base = deps.config.PUBLIC_BASE_URL;
  return {
    continuationUrl: (c) => {
      const token = createContinuationToken({ callUuid: call.uuid, ...c }, secret);
      return `${base}/api/voice/continue/${token}`;
    },
    http: deps.http,
    notify: deps.notify,
    resolveFlow: (flowId) => {
      // Pinned at call start; a target published only after the call began is looked up now.
      const versionId = pinned[flowId] ?? getLatestVersion(deps.db, flowId)?.id;
      return versionId ? { ...compiledVersion(deps.db, versionId), versionId } : null;
    },
    recordingEventUrl: () => `${base}/api/voice/event`,
  };
}
