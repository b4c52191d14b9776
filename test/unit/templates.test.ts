import { describe, expect, it } from 'vitest';
import { FlowDocumentSchema, FlowLayoutSchema, validateNode, type FlowDocument } from '@/lib/flow/document';
import { kindOf, outputsOf } from '@/lib/flow/registry';
import { getTemplate, templates } from '@/lib/flow/templates';

/** The node an output leads to (every output is connected, so a miss is a test failure). */
function follow(doc: FlowDocument, from: string, handle: string) {
  const edge = doc.edges.find((e) => e.source === from && e.sourceHandle === handle);
  const node = doc.nodes.find((n) => n.id === edge?.target);
  if (!node) throw new Error(`${from}.${handle} leads nowhere`);
  return node;
}

/** Kinds along a path that follows `next` (or the given handles) from a node until one has no outputs. */
function path(doc: FlowDocument, from: string, ...handles: string[]): string[] {
  const kinds: string[] = [];
  let id = from;
  for (let step = 0; step < 20; step++) {
    const node = doc.nodes.find((n) => n.id === id)!;
    kinds.push(node.kind);
    const outputs = outputsOf(node);
    if (outputs.length === 0) return kinds;
    id = follow(doc, id, handles[step] ?? 'next').id;
  }
  throw new Error('path did not end');
}

describe.each(templates.map((t) => [t.id, t] as const))('template %s', (_, template) => {
  const { document, layout } = template.build();

  it('builds a valid document and layout', () => {
    expect(FlowDocumentSchema.safeParse(document).error?.issues ?? []).toEqual([]);
    expect(FlowLayoutSchema.safeParse(layout).success).toBe(true);
    expect(document.nodes.filter((n) => n.kind === 'start')).toHaveLength(1);
  });

  it('has only nodes that pass their kind’s strict schema', () => {
    for (const node of document.nodes) {
      const result = validateNode(node);
      expect(result.error?.issues.map((i) => `${node.id}.${i.path.join('.')}: ${i.message}`) ?? []).toEqual([]);
    }
  });

  it('connects every output exactly once, from a real handle to a node that takes input', () => {
    for (const node of document.nodes) {
      for (const output of outputsOf(node)) {
        const edges = document.edges.filter((e) => e.source === node.id && e.sourceHandle === output.id);
        expect(edges, `${node.id}.${output.id}`).toHaveLength(1);
      }
    }
    for (const edge of document.edges) {
      const source = document.nodes.find((n) => n.id === edge.source)!;
      const target = document.nodes.find((n) => n.id === edge.target)!;
      expect(outputsOf(source).map((o) => o.id), edge.id).toContain(edge.sourceHandle);
      expect(kindOf(target.kind).hasInput, edge.id).toBe(true);
    }
  });

  it('reaches every node from the start', () => {
    const seen = new Set(['start']);
    const queue = ['start'];
    while (queue.length) {
      const id = queue.shift()!;
      for (const e of document.edges.filter((edge) => edge.source === id && !seen.has(edge.target))) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
    expect([...seen].sort()).toEqual(document.nodes.map((n) => n.id).sort());
  });

  it('places every node, without overlaps', () => {
    expect(Object.keys(layout).sort()).toEqual(document.nodes.map((n) => n.id).sort());
    const positions = Object.values(layout);
    positions.forEach((a, i) =>
      positions.slice(i + 1).forEach((b) => expect(Math.abs(a.x - b.x) >= 320 || Math.abs(a.y - b.y) >= 170).toBe(true)),
    );
  });

  it('is deterministic and fresh on every build', () => {
    const again = template.build();
    expect(again).toEqual({ document, layout });
    expect(again.document).not.toBe(document);
  });

  it('is found by its id', () => {
    expect(getTemplate(template.id)).toBe(template);
    expect(template.name).not.toBe('');
    expect(template.description).not.toBe('');
  });
});

describe('template catalogue', () => {
  it('offers the three starting points, with unique ids', () => {
    expect(templates.map((t) => t.id)).toEqual(['ivr-menu', 'business-hours', 'forward-to-mobile']);
    expect(getTemplate('nope')).toBeUndefined();
    expect(getTemplate('toString')).toBeUndefined();
  });
});

describe('template content', () => {
  it('ivr-menu routes 1, 2 and 0 to a person, with voicemail when nobody answers', () => {
    const { document } = getTemplate('ivr-menu')!.build();
    const menu = document.nodes.find((n) => n.id === 'main-menu')!;
    expect(menu.data).toMatchObject({ retries: 2, reprompt: expect.stringMatching(/\S/) });
    expect((menu.data.choices as { key: string }[]).map((c) => c.key)).toEqual(['1', '2', '0']);
    for (const choice of ['sales', 'support', 'operator']) {
      const intro = follow(document, 'main-menu', choice);
      const dial = follow(document, intro.id, 'next');
      expect([intro.kind, dial.kind]).toEqual(['say', 'connect']);
      expect(path(document, dial.id, 'failed')).toEqual(['connect', 'say', 'record', 'say', 'hangup']);
      expect(path(document, dial.id, 'answered')).toEqual(['connect', 'hangup']);
    }
    for (const miss of ['noInput', 'noMatch']) expect(path(document, 'main-menu', miss)).toEqual(['menu', 'say', 'hangup']);
  });

  it('business-hours opens weekdays 09:00–17:30 in London, with Christmas holidays', () => {
    const { document } = getTemplate('business-hours')!.build();
    const hours = document.nodes.find((n) => n.kind === 'hours')!;
    expect(hours.data).toMatchObject({
      timezone: 'Europe/London',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' }],
      holidays: [
        { date: '2026-12-25', allDay: true },
        { date: '2026-12-24', allDay: false, start: '13:00' },
      ],
    });
    expect(follow(document, hours.id, 'open').kind).toBe('connect');
    expect(path(document, hours.id, 'closed')).toEqual(['hours', 'say', 'record', 'say', 'hangup']);
    expect(path(document, hours.id, 'holiday')).toEqual(['hours', 'say', 'record', 'say', 'hangup']);
    expect(path(document, 'connect-office', 'failed')).toContain('record');
  });

  it('forward-to-mobile rings for 25 s, then takes a voicemail that ends on #', () => {
    const { document } = getTemplate('forward-to-mobile')!.build();
    expect(path(document, 'start', 'next', 'next', 'answered')).toEqual(['start', 'say', 'connect', 'hangup']);
    const dial = document.nodes.find((n) => n.kind === 'connect')!;
    expect(dial.data).toMatchObject({ timeout: 25 });
    expect(path(document, dial.id, 'failed')).toEqual(['connect', 'say', 'record', 'hangup']);
    const record = document.nodes.find((n) => n.kind === 'record')!;
    expect(record.data).toMatchObject({ beepStart: true, endOnKey: '#', timeOut: 120 });
    expect(record.data).not.toHaveProperty('endOnSilence');
  });
});
