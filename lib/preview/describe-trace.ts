import type { FlowDocument } from '@/lib/flow/document';
import { isKindId, kindOf, outputsOf, summaryOf } from '@/lib/flow/registry';
import type { TraceStep } from '@/lib/runtime/engine';

export type TraceLine = {
  tone: 'step' | 'wait' | 'end' | 'note' | 'error';
  nodeId: string | null;
  text: string;
  detail?: string;
};

const label = (kind: string) => (isKindId(kind) ? kindOf(kind).label : kind);

/**
 * The engine's trace in words, one line per thing that happened: a node visit and the output it took
 * become one line ("Entered Business hours → open"), with the reason as its detail.
 */
export function describeTrace(trace: readonly TraceStep[], document: FlowDocument): TraceLine[] {
  const lines: TraceLine[] = [];
  // Kinds as the steps entered them: after a Go to flow, ids belong to another flow than `document`.
  const kinds = new Map<string, string>();
  let inDraft = true;
  const visit = (nodeId: string) => {
    const last = lines.at(-1);
    return last?.tone === 'step' && last.nodeId === nodeId ? last : undefined;
  };
  const handleLabel = (nodeId: string, handle: string) => {
    const node = inDraft ? document.nodes.find((n) => n.id === nodeId) : undefined;
    return (node && outputsOf(node).find((output) => output.id === handle)?.label) || handle;
  };

  for (const step of trace) {
    switch (step.type) {
      case 'enter': {
        kinds.set(step.nodeId, step.kind);
        const node = inDraft ? document.nodes.find((n) => n.id === step.nodeId) : undefined;
        lines.push({ tone: 'step', nodeId: step.nodeId, text: `Entered ${label(step.kind)}`, ...(node && { detail: summaryOf(node) }) });
        break;
      }
      case 'http': {
        const line = visit(step.nodeId);
        const request = `${step.method} ${step.url}`;
        if (line && step.failure === 'refused') Object.assign(line, { text: 'HTTP request not sent in preview', detail: request });
        else if (line) line.detail = `${request}: ${step.status ?? step.failure}`;
        break;
      }
      case 'decision': {
        const line = visit(step.nodeId);
        const text = ` → ${handleLabel(step.nodeId, step.handle)}`;
        // For an HTTP request the request itself says more than the reason.
        if (line) Object.assign(line, { text: line.text + text, detail: kinds.get(step.nodeId) === 'http' ? line.detail : step.reason });
        else lines.push({ tone: 'step', nodeId: step.nodeId, text: `${label(kinds.get(step.nodeId) ?? '')}${text}`, detail: step.reason });
        break;
      }
      case 'vars': {
        const values = Object.entries(step.values).map(([name, value]) => `${name} = ${value === null ? '(empty)' : JSON.stringify(value)}`);
        lines.push({ tone: 'note', nodeId: step.nodeId, text: `Set ${values.join(', ')}` });
        break;
      }
      case 'defer':
        lines.push({ tone: 'wait', nodeId: step.nodeId, text: 'Decided later by a notify continuation', detail: `${nodeLabel(step.nodeId)} runs when the call gets there` });
        break;
      case 'goto':
        inDraft = false;
        kinds.clear();
        lines.push({ tone: 'step', nodeId: step.nodeId, text: 'Continues in another flow', detail: `Flow ${step.flowId}, published version ${step.versionId}` });
        break;
      case 'wait':
        lines.push({ tone: 'wait', nodeId: step.nodeId, text: kinds.get(step.nodeId) === 'connect' ? 'Waits while Connect rings the endpoint' : "Waits for the caller's input" });
        break;
      case 'end':
        lines.push({ tone: 'end', nodeId: step.nodeId, text: step.reason === 'hangup' ? 'Hangs up' : 'The call ends: nothing is connected next' });
        break;
      case 'note':
        lines.push({ tone: 'note', nodeId: step.nodeId, text: step.message });
        break;
      case 'error':
        lines.push({ tone: 'error', nodeId: step.nodeId, text: step.message });
        break;
      default:
        step satisfies never;
    }
  }
  return lines;

  function nodeLabel(nodeId: string): string {
    const node = inDraft ? document.nodes.find((n) => n.id === nodeId) : undefined;
    return node ? kindOf(node.kind).label : nodeId;
  }
}
