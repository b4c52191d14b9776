'use client';

import { useEffect, useRef, useState } from 'react';
import type { FlowDocument } from '@/lib/flow/document';
import type { PreviewRequest } from '@/lib/preview/preview-request';
import { parseVarLines } from '@/lib/preview/var-lines';
import { useEditor, useEditorContext } from './editor-context';
import { fetchPreview, type PreviewAnswer } from './preview-api';
import type { PreviewSample } from './preview-session';

/** Edits come in bursts (typing); one preview per pause is enough. */
const DEBOUNCE_MS = 500;

/**
 * The request for the editor's current document, which may hold edits not saved yet; null while the
 * sample has mistakes (the form shows them, and the last preview stays).
 */
function buildRequest(nodeId: string, sample: PreviewSample, document: FlowDocument): PreviewRequest | null {
  const { vars, errors } = parseVarLines(sample.vars);
  const at = sample.at ? new Date(sample.at) : null;
  if (errors.length > 0 || (at && Number.isNaN(at.getTime()))) return null;
  return { nodeId, from: sample.from, to: sample.to, vars, document, ...(at && { at: at.toISOString() }) };
}

/**
 * The preview of one node while the section is open: fetched at once when opened or asked for, and again
 * 500 ms after the document or the sample call stops changing. A newer request aborts the one in flight.
 */
export function useNccoPreview(nodeId: string, open: boolean, sample: PreviewSample) {
  const { flowId } = useEditorContext();
  const document = useEditor((s) => s.present.document);
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [asked, setAsked] = useState(0);
  const urgent = useRef(true);

  useEffect(() => {
    if (!open) {
      urgent.current = true;
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(
      async () => {
        const body = buildRequest(nodeId, sample, document);
        if (!body) return;
        setLoading(true);
        try {
          setAnswer(await fetchPreview(flowId, body, controller.signal));
          setLoading(false);
        } catch {
          // Aborted: a newer preview is on its way.
        }
      },
      urgent.current ? 0 : DEBOUNCE_MS,
    );
    urgent.current = false;
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, document, sample, asked, flowId, nodeId]);

  const refresh = () => {
    urgent.current = true;
    setAsked((n) => n + 1);
  };
  return { answer, loading, refresh };
}
