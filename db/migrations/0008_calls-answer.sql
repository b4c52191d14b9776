-- The NCCO a call's answer webhook answered with, written with the call's row (lib/calls/store.ts): a retried
-- answer webhook gets it back. It was a continuations row of its own: one more insert on every answer.
ALTER TABLE `calls` ADD `answer` text;
