/** The call runtime engine: pure, given a compiled flow version and a call's state, it produces NCCOs. */
export { compileGraph, isCompiled, type CompiledGraph, type GraphProblem } from './graph';
export { runFrom, resumeInput, resumeConnect, type RunInput, type RunResult, type ResumeResult } from './run';
export { apologyNcco } from './finish';
export { RuntimeError, RUNTIME_ERROR_CODES, type RuntimeErrorCode } from './errors';
export type { TraceStep } from './trace';
export { STEP_CAP, HTTP_BUDGET_MS } from './walk';
export {
  CallStateSchema,
  ConnectEventSchema,
  InputResultSchema,
  type CallInfo,
  type CallState,
  type ConnectEventPayload,
  type Continuation,
  type ContinuationKind,
  type HttpFailure,
  type HttpRequest,
  type HttpResult,
  type InputResult,
  type NotifyRequest,
  type ResolvedFlow,
  type RunOverrides,
  type RuntimeEnv,
  type VarValue,
} from './types';
