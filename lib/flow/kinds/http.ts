import { z } from 'zod';
import { newId } from '../ids';
import { str } from '../loose';
import { defineKind } from '../node-kind';
import { VariableNameSchema } from '../variables';
import { clip, httpUrlProblem, ItemIdSchema, stringWith } from './formats';
import { isJsonTemplate, renderJson, renderUrl, templateInvalid } from '@/lib/runtime/engine/actions';
import { valueAtPath } from '@/lib/runtime/engine/json-path';
import type { VarValue } from '@/lib/runtime/engine/types';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods that send the body; for the others the body is kept in the draft but neither checked nor sent. */
export const METHODS_WITH_BODY: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH'];

const HeaderSchema = z.object({
  id: ItemIdSchema,
  name: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'A header name is letters, digits and - (e.g. Authorization)'),
  /** May contain {{templates}}. */
  value: z
    .string()
    .max(2000, 'Keep the value under 2,000 characters')
    .refine((v) => !/[\r\n]/.test(v), 'A header value is a single line'),
});

const ResponseMappingSchema = z.object({
  id: ItemIdSchema,
  variable: VariableNameSchema,
  /** A dot path into the JSON response; digits index arrays (items.0.name). */
  path: z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'Use a dot path into the response, e.g. customer.tier or items.0.name'),
});

/**
 * Calls your web service during the call and stores parts of its JSON answer in variables. The whole
 * request must finish within Vonage's few-second answer budget, hence the 4 s ceiling.
 */
export const http = defineKind({
  kind: 'http',
  label: 'HTTP request',
  icon: [
    'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z',
    'M2 12h20',
    'M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z',
  ],
  category: 'logic',
  description: 'Call a web service (e.g. your CRM) and store parts of its answer in variables.',
  schema: z
    .object({
      method: z.enum(HTTP_METHODS, { error: 'Choose GET, POST, PUT, PATCH or DELETE' }),
      url: stringWith(httpUrlProblem),
      headers: z.array(HeaderSchema).max(20, 'At most 20 headers'),
      /** Text with {{templates}}, usually JSON; sent only for METHODS_WITH_BODY. */
      body: z.string(),
      timeoutMs: z
        .number()
        .int('A whole number of milliseconds')
        .min(100, 'At least 100 ms')
        .max(4000, 'At most 4,000 ms: Vonage waits only a few seconds for the next step'),
      responseMap: z.array(ResponseMappingSchema).max(30, 'At most 30 saved values'),
    })
    .superRefine((data, ctx) => {
      if (METHODS_WITH_BODY.includes(data.method) && data.body.length > 10_000) {
        ctx.addIssue({ code: 'custom', path: ['body'], message: 'Keep the body under 10,000 characters' });
      }
      const seen = new Set<string>();
      data.responseMap.forEach((m, i) => {
        if (seen.has(m.variable)) ctx.addIssue({ code: 'custom', path: ['responseMap', i, 'variable'], message: `${m.variable} is already saved above` });
        seen.add(m.variable);
      });
    }),
  defaults: () => ({ method: 'GET' as const, url: '', headers: [], body: '', timeoutMs: 2000, responseMap: [] }),
  outputs: () => [
    { id: 'success', label: 'success' },
    { id: 'error', label: 'error' },
  ],
  summary: (data) => {
    const url = str(data.url).trim();
    return url ? clip(`${str(data.method) || 'GET'} ${url.replace(/^https?:\/\//i, '')}`) : 'No address yet';
  },
  fields: [
    { type: 'select', key: 'method', label: 'Method', options: HTTP_METHODS.map((m) => ({ value: m, label: m })) },
    {
      type: 'text',
      key: 'url',
      label: 'Address (URL)',
      templated: true,
      placeholder: 'https://crm.example.com/customers?phone={{call.from}}',
      help: 'The web address to call; {{variables}} are filled in',
    },
    {
      type: 'list',
      key: 'headers',
      label: 'Headers',
      itemLabel: 'Header',
      create: () => ({ id: newId('hd'), name: '', value: '' }),
      fields: [
        { type: 'text', key: 'name', label: 'Name', placeholder: 'Authorization' },
        { type: 'text', key: 'value', label: 'Value', templated: true, placeholder: 'Bearer …' },
      ],
    },
    {
      type: 'text',
      key: 'body',
      label: 'Body',
      multiline: true,
      templated: true,
      placeholder: '{ "phone": "{{call.from}}" }',
      visible: (d) => METHODS_WITH_BODY.includes(d.method as HttpMethod),
    },
    { type: 'number', key: 'timeoutMs', label: 'Give up after', min: 100, max: 4000, step: 100, unit: 'ms', help: 'Slower answers take the error path' },
    {
      type: 'list',
      key: 'responseMap',
      label: 'Save from the answer',
      itemLabel: 'Value',
      help: 'Copy values from the JSON answer into variables',
      create: () => ({ id: newId('r'), variable: '', path: '' }),
      fields: [
        { type: 'text', key: 'path', label: 'Path in the answer', placeholder: 'customer.tier' },
        { type: 'text', key: 'variable', label: 'Store in', placeholder: 'customer_tier' },
      ],
    },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: true,
    execute: async (data, ctx) => {
      const url = renderUrl(ctx, data.url, 'address');
      const headers: Record<string, string> = {};
      for (const header of data.headers) {
        const value = ctx.render(header.value, 'text');
        // A line break from a variable would let call data write headers of its own.
        if (/[\r\n]/.test(value)) throw templateInvalid(ctx, `The ${header.name} header holds a line break once its {{variables}} are filled in`);
        headers[header.name] = value;
      }
      let body: string | undefined;
      if (METHODS_WITH_BODY.includes(data.method) && data.body.trim()) {
        const json = isJsonTemplate(data.body);
        body = json ? renderJson(ctx, data.body, 'body').text : ctx.render(data.body, 'text');
        const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
        if (json && !typed) headers['content-type'] = 'application/json';
      }
      const result = await ctx.http({ method: data.method, url, headers, body, timeoutMs: data.timeoutMs });
      if (!result) return ctx.decide('error', 'no time left', 'The call had no time left for another request');
      if (result.type === 'failure') return ctx.decide('error', result.reason, result.message);
      if (result.status < 200 || result.status > 299) return ctx.decide('error', String(result.status), `The service answered ${result.status}`);
      const vars: Record<string, VarValue> = {};
      const missing: string[] = [];
      for (const { variable, path } of data.responseMap) {
        const value = valueAtPath(result.body, path);
        if (value === undefined) missing.push(path);
        vars[variable] = value ?? null;
      }
      if (missing.length > 0) ctx.note(`Not in the answer: ${missing.join(', ')} (stored as empty)`);
      return ctx.decide('success', String(result.status), `The service answered ${result.status}`, { vars });
    },
  },
});
