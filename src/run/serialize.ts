import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

declare module 'vfile' {
  interface DataMap {
    /** SHA-256 of the text an article's messages were computed from: what the cache keys them by. */
    sourceHash: string;
  }
}

/** A message as plain data: what crosses a worker boundary and what the cache keeps. */
export interface MessageRecord {
  reason: string;
  ruleId?: string;
  source?: string;
  fatal?: boolean;
  place?: VFileMessage['place'];
  cause?: { reason: string; place?: VFileMessage['place'] };
}

/** A checked file as plain data. */
export interface FileRecord {
  path: string;
  messages: MessageRecord[];
  /** SHA-256 of the text the messages were computed from (`file.data.sourceHash`). */
  sourceHash?: string;
  /** The article's figure files and their hashes (`file.data.figureInputs`). */
  figureInputs?: Record<string, string | null>;
}

export function toRecord(file: VFile): FileRecord {
  const record: FileRecord = { path: file.path, messages: file.messages.map(toMessageRecord) };
  if (file.data.sourceHash) record.sourceHash = file.data.sourceHash;
  if (file.data.figureInputs) record.figureInputs = file.data.figureInputs;
  return record;
}

function toMessageRecord(message: VFileMessage): MessageRecord {
  const record: MessageRecord = { reason: message.reason };
  if (message.ruleId) record.ruleId = message.ruleId;
  if (message.source) record.source = message.source;
  if (message.fatal !== undefined && message.fatal !== null) record.fatal = message.fatal;
  if (message.place) record.place = message.place;
  if (message.cause instanceof VFileMessage) {
    record.cause = message.cause.place
      ? { reason: message.cause.reason, place: message.cause.place }
      : { reason: message.cause.reason };
  }
  return record;
}

export function fromRecord(record: FileRecord, cwd: string): VFile {
  const file = new VFile({ path: record.path, cwd });
  if (record.sourceHash) file.data.sourceHash = record.sourceHash;
  if (record.figureInputs) file.data.figureInputs = record.figureInputs;
  for (const each of record.messages) {
    const cause = each.cause
      ? new VFileMessage(each.cause.reason, {
          place: each.cause.place,
          ruleId: each.ruleId,
          source: each.source,
        })
      : undefined;
    const message = file.message(each.reason, {
      place: each.place,
      ruleId: each.ruleId,
      source: each.source,
      cause,
    });
    if (each.fatal !== undefined) message.fatal = each.fatal;
  }
  return file;
}
