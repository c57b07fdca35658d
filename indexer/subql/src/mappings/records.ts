import type { WorkingSet } from "./workingSet";
import { RecordAmendedLog, RecordAppendedLog } from "../types/abi-interfaces/CareTrail";
import { Record, RecordAmendedEvent, RecordAppendedEvent, RecordVersion } from "../types";
import { address, decodedLog, ZERO_BYTES32 } from "./logFields";

export async function handleRecordAppended(log: RecordAppendedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const recordId = args.recordId;
  const patient = address(args.patient);
  const document = {
    patient,
    author: address(args.author),
    category: args.category,
    contentHash: args.contentHash,
    contentId: args.contentId,
    fieldsRoot: args.fieldsRoot,
    signature: args.signature,
  };
  ws.save(RecordAppendedEvent.create({ ...fields, recordId, ...document, supersedes: args.supersedes }));

  const previous = args.supersedes === ZERO_BYTES32 ? undefined : await ws.get(RecordVersion, args.supersedes);
  if (args.supersedes !== ZERO_BYTES32 && !previous) {
    throw new Error(`RecordAppended ${fields.id} supersedes unknown record ${args.supersedes}: reindex from the deployment block.`);
  }
  const rootId = previous ? previous.recordId : recordId;
  const version = previous ? previous.version + 1 : 1;
  ws.save(
    RecordVersion.create({
      id: recordId,
      recordId: rootId,
      ...document,
      version,
      supersedesId: previous?.id,
      blockNumber: fields.blockNumber,
      blockTimestamp: fields.blockTimestamp,
      txHash: fields.txHash,
      logIndex: fields.logIndex,
    }),
  );

  const record =
    (await ws.get(Record, rootId)) ??
    Record.create({
      id: rootId,
      patientId: patient,
      category: document.category,
      latestId: recordId,
      versionCount: version,
      createdAtBlock: fields.blockNumber,
      updatedAtBlock: fields.blockNumber,
    });
  // The record reads as its latest version: an amendment may recategorise it.
  record.category = document.category;
  record.latestId = recordId;
  record.versionCount = version;
  record.updatedAtBlock = fields.blockNumber;
  ws.save(record);

  if (previous) await markSuperseded(ws, previous, recordId);
}

export async function handleRecordAmended(log: RecordAmendedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  ws.save(RecordAmendedEvent.create({ ...fields, previousId: args.previousId, recordId: args.recordId, author: address(args.author) }));
  const previous = await ws.get(RecordVersion, args.previousId);
  if (!previous) throw new Error(`RecordAmended ${fields.id} amends unknown record ${args.previousId}: reindex from the deployment block.`);
  await markSuperseded(ws, previous, args.recordId);
}

async function markSuperseded(ws: WorkingSet, previous: RecordVersion, supersededBy: string): Promise<void> {
  previous.supersededById = supersededBy;
  ws.save(previous);
}
