export * from './schema';
export * from './endpoints';
export { spokenLength, TALK_TEXT_LIMIT, TALK_DEFAULTS, TalkActionSchema, type TalkAction } from './actions/talk';
export { STREAM_DEFAULTS, StreamActionSchema, type StreamAction } from './actions/stream';
export {
  DTMF_DEFAULTS,
  INPUT_DEFAULTS,
  InputActionSchema,
  SPEECH_DEFAULTS,
  type DtmfSettings,
  type InputAction,
  type SpeechSettings,
} from './actions/input';
export { RECORD_DEFAULTS, RecordActionSchema, type RecordAction } from './actions/record';
export {
  CONNECT_DEFAULTS,
  ConnectActionSchema,
  type AdvancedMachineDetection,
  type ConnectAction,
} from './actions/connect';
export { CONVERSATION_DEFAULTS, ConversationActionSchema, type ConversationAction } from './actions/conversation';
export { NotifyActionSchema, type NotifyAction } from './actions/notify';
export { WAIT_DEFAULTS, WaitActionSchema, type WaitAction } from './actions/wait';
export { TransferActionSchema, type TransferAction } from './actions/transfer';
export type { Transcription } from './common';
export { nccoJson } from './json';
