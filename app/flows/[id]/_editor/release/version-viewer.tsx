'use client';

import { Background, BackgroundVariant, ReactFlow, ReactFlowProvider, type Edge } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '@/app/_flows/dialog';
import type { DiffBody } from '@/lib/api/diff-handlers';
import type { VersionDetailBody, VersionListBody } from '@/lib/api/versions-handlers';
import type { Wire } from '@/lib/api/wire';
import { EMPTY_SELECTION } from '@/lib/editor/types';
import { useEditorContext } from '../editor-context';
import { createNodeDeriver, DEFAULT_EDGE_OPTIONS, deriveEdges, PRO_OPTIONS, type FlowNodeType } from '../flow-elements';
import { FlowNodeView } from '../flow-node-view';
import { DiffList } from './diff-list';
import { getDiff, getVersion } from './release-api';
import { DiffMarksContext, diffMarks } from './release-context';
import styles from './release.module.css';

type Summary = Wire<VersionListBody>['versions'][number];
type Compare = 'previous' | 'draft';

const nodeTypes = { flow: FlowNodeView };
const NO_SEVERITIES = new Map<string, 'error' | 'warning'>();

/**
 * One version, read-only on its own canvas, with what it changed from the version before (or what
 * restoring it would change in the draft), coloured on the canvas and listed.
 */
export function VersionViewer({ version, previous, onClose }: { version: Summary; previous: Summary | null; onClose: () => void }) {
  const { flowId } = useEditorContext();
  const [detail, setDetail] = useState<Wire<VersionDetailBody>['version'] | null>(null);
  const [compare, setCompare] = useState<Compare>(previous ? 'previous' : 'draft');
  const [diff, setDiff] = useState<Wire<DiffBody> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void getVersion(flowId, version.id).then((answer) => (answer.ok ? setDetail(answer.body.version) : setProblem(answer.problem.message)));
  }, [flowId, version.id]);

  useEffect(() => {
    setDiff(null);
    // Both read towards this version, so the marks fall on its own nodes.
    const from = compare === 'previous' && previous ? previous.id : 'draft';
    void getDiff(flowId, from, version.id).then((answer) => (answer.ok ? setDiff(answer.body) : setProblem(answer.problem.message)));
  }, [flowId, version.id, previous, compare]);

  const [derive] = useState(createNodeDeriver);
  const nodes = useMemo(() => (detail ? derive(detail.document, detail.layout, EMPTY_SELECTION, NO_SEVERITIES, new Map()) : []), [detail, derive]);
  const edges = useMemo(() => (detail ? deriveEdges(detail.document.edges, EMPTY_SELECTION) : []), [detail]);
  const marks = useMemo(() => diffMarks(diff), [diff]);

  return (
    <Dialog title={`Version ${version.number}`} onClose={onClose} wide footer={<button type="button" onClick={onClose}>Close</button>}>
      <div className={styles.viewer} data-testid="version-viewer">
        <div className={styles.viewerCanvas}>
          {detail && (
            <ReactFlowProvider>
              <DiffMarksContext.Provider value={marks}>
                <ReactFlow<FlowNodeType, Edge>
                  nodes={nodes}
                  edges={edges}
                  nodeTypes={nodeTypes}
                  nodesDraggable={false}
                  nodesConnectable={false}
                  elementsSelectable={false}
                  fitView
                  fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
                  minZoom={0.2}
                  defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
                  proOptions={PRO_OPTIONS}
                >
                  <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#c5cad3" />
                </ReactFlow>
              </DiffMarksContext.Provider>
            </ReactFlowProvider>
          )}
        </div>
        <div className={styles.viewerSide}>
          <div className={styles.compare} role="radiogroup" aria-label="Compare with">
            {previous && (
              <label>
                <input type="radio" checked={compare === 'previous'} onChange={() => setCompare('previous')} /> What it changed from version {previous.number}
              </label>
            )}
            <label>
              <input type="radio" checked={compare === 'draft'} onChange={() => setCompare('draft')} /> What restoring it changes in the draft
            </label>
          </div>
          {problem && <p className={styles.error}>{problem}</p>}
          {diff ? <DiffList report={diff} /> : <p className={styles.loading}>Comparing…</p>}
        </div>
      </div>
    </Dialog>
  );
}
