// DynamoDB Streams for dynalite 4.0.0, which has none: the tables' StreamSpecification and the DynamoDB Streams API
// (X-Amz-Target DynamoDBStreams_20120810.<Action>) on the same port as the tables. Required by dynalite-server.js.
//
// What it follows:
// - "Change data capture for DynamoDB Streams" (DynamoDB Developer Guide): a stream record per item that a write
//   actually modifies (an item written with the same attributes makes none), in the order of the writes, kept
//   24 hours; the record carries the keys and the images of its StreamViewType (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE,
//   NEW_AND_OLD_IMAGES).
// - "Amazon DynamoDB Streams API Reference" (API version 2012-08-10): ListStreams, DescribeStream,
//   GetShardIterator (TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER), GetRecords (Limit up to
//   1000; "A shard iterator expires 15 minutes after it is returned to the requester", ExpiredIteratorException;
//   TrimmedDataAccessException for a position older than the trim horizon; ResourceNotFoundException), and the
//   Record, StreamRecord, StreamDescription and Shard data types.
// - The table's side: CreateTable and UpdateTable StreamSpecification, DescribeTable LatestStreamArn and
//   LatestStreamLabel (DynamoDB API Reference, TableDescription: "LatestStreamLabel: A timestamp, in ISO 8601
//   format, for this stream"; a stream ARN is <table arn>/stream/<label>).
//
// How it is captured: each of dynalite's item writes (actions/putItem.js, updateItem.js, deleteItem.js; BatchWriteItem
// runs putItem and deleteItem, and the emulated TransactWriteItems sends those three) holds the item's lock
// (itemDb.lock), reads the stored item, checks the condition, then calls db.updateIndexes(store, table, old, new)
// and, when that succeeds, writes the item with itemDb.put or itemDb.del. The wrapped updateIndexes notes the old and
// new item of that key; the wrapped put/del then writes the item and its stream record in one LevelDB batch, so a
// record exists exactly when its write does (a failed condition never reaches updateIndexes, a failed put writes
// neither), in the order the writes happened, and survives a restart with the items.
//
// What differs from AWS, by design: one shard per stream (no splits every few hours); no records from Time to Live
// deletions (dynalite does not expire items); stream ARNs are looked up by table name and label, whatever account and
// region they carry (dynalite's own ARNs use its account). See docs/local-fidelity.md, "DynamoDB Streams".
'use strict';

const crypto = require('crypto');
const db = require('dynalite/db');

const STREAMS_PREFIX = 'DynamoDBStreams_20120810.';
const VIEW_TYPES = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];
const RETENTION_MS = 24 * 60 * 60 * 1000; // "Stream records are retained for 24 hours" (Developer Guide)
const ITERATOR_TTL_MS = 15 * 60 * 1000;
const MAX_LIMIT = 1000;
const STREAMS_KEY = 'taskapi-streams~'; // stream descriptions by "<table>/stream/<label>"
const RECORDS_KEY = 'taskapi-stream-records~'; // records by "<table>/stream/<label>~<sequence number>"
// Sequence numbers: 10^20 + microseconds since the epoch (+1 when two records share one), a fixed 21 digits, so
// they increase across restarts, compare the same as numbers and as LevelDB keys, and look like AWS's (numeric
// strings of 21 to 40 digits, "SequenceNumber", Streams API Reference).
const SEQUENCE_BASE = 10n ** 20n;

let lastSequence = 0n;
const pendingChanges = new Map();

/** Hooks dynalite's write path; call before the first request, with the store dynalite created. */
function installStreams(store) {
  if (typeof db.updateIndexes !== 'function' || typeof store.getItemDb !== 'function' || !store.db
      || typeof store.db.batch !== 'function') {
    throw new Error('dynalite has changed shape: update installStreams in ' + __filename);
  }
  const updateIndexes = db.updateIndexes;
  db.updateIndexes = function updateIndexesNotingTheChange(st, table, existingItem, item, cb) {
    const changed = existingItem || item;
    const key = changed && db.createKey(changed, table);
    updateIndexes.call(this, st, table, existingItem, item, (err) => {
      if (!err && changed && streamEnabled(table)) {
        pendingChanges.set(changeId(table.TableName, key), { table, oldItem: existingItem, newItem: item });
      }
      cb(err);
    });
  };
  const getItemDb = store.getItemDb;
  store.getItemDb = function getItemDbWritingStreamRecords(name) {
    const itemDb = getItemDb.call(this, name);
    if (!itemDb.taskapiStreams) {
      itemDb.taskapiStreams = true;
      const put = itemDb.put;
      const del = itemDb.del;
      itemDb.put = (key, value, cb) => writeWithRecord(store, name, key, { type: 'put', value }, cb, put);
      itemDb.del = (key, cb) => writeWithRecord(store, name, key, { type: 'del' }, cb, del);
    }
    return itemDb;
  };
  // CreateTable: dynalite stores the request itself as the table (CREATING), answers with that object and stores it
  // again when ACTIVE; giving it its stream in that first put puts the stream in the answer and in both writes.
  const putTable = store.tableDb.put;
  store.tableDb.put = function putTableWithItsStream(key, table, cb) {
    if (table && table.TableStatus === 'CREATING' && table.StreamSpecification && !table.LatestStreamLabel) {
      if (!table.StreamSpecification.StreamEnabled) {
        delete table.StreamSpecification; // a disabled specification on create leaves no trace, as no stream exists
      } else {
        openStream(store, table).then(() => putTable.call(this, key, table, cb), cb);
        return;
      }
    }
    putTable.call(this, key, table, cb);
  };
  const timer = setInterval(() => trimExpired(store).catch((err) => console.error('stream trim failed: ' + err)),
    60 * 1000);
  timer.unref();
}

function changeId(tableName, key) {
  return tableName + '\u0000' + key;
}

function streamEnabled(table) {
  return Boolean(table.StreamSpecification && table.StreamSpecification.StreamEnabled && table.LatestStreamLabel);
}

function writeWithRecord(store, tableName, key, operation, cb, plainWrite) {
  const id = changeId(tableName, key);
  const change = pendingChanges.get(id);
  pendingChanges.delete(id);
  const record = change && streamRecord(change.table, change.oldItem, operation.type === 'put' ? operation.value : null);
  if (!record) {
    plainWrite(key, ...(operation.type === 'put' ? [operation.value, cb] : [cb]));
    return;
  }
  store.db.batch([
    { ...operation, key: 'item-' + tableName + '~' + key },
    { type: 'put', key: recordKey(streamId(change.table), record.dynamodb.SequenceNumber), value: record },
  ], cb);
}

/** The stream record of this change, or null when the item is not modified (Developer Guide: no record then). */
function streamRecord(table, oldItem, newItem) {
  if (!oldItem && !newItem) return null;
  if (oldItem && newItem && canonical(oldItem) === canonical(newItem)) return null;
  const viewType = table.StreamSpecification.StreamViewType;
  const keys = {};
  for (const { AttributeName } of table.KeySchema) keys[AttributeName] = (newItem || oldItem)[AttributeName];
  const now = Date.now();
  const record = {
    ApproximateCreationDateTime: Math.floor(now / 1000),
    Keys: keys,
    SequenceNumber: nextSequence(now),
    StreamViewType: viewType,
  };
  if (newItem && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES')) record.NewImage = newItem;
  if (oldItem && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES')) record.OldImage = oldItem;
  // "SizeBytes: The size of the stream record, in bytes": here the item size rule over its keys and images.
  record.SizeBytes = db.itemSize(keys) + (record.NewImage ? db.itemSize(record.NewImage) : 0)
    + (record.OldImage ? db.itemSize(record.OldImage) : 0);
  return {
    eventID: crypto.randomBytes(16).toString('hex'),
    eventName: !oldItem ? 'INSERT' : !newItem ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: regionOf(table.TableArn),
    dynamodb: record,
  };
}

function nextSequence(now) {
  let sequence = SEQUENCE_BASE + BigInt(now) * 1000n;
  if (sequence <= lastSequence) sequence = lastSequence + 1n;
  lastSequence = sequence;
  return sequence.toString();
}

/** No record written from now on can have this sequence number or a lower one (they embed the time). */
function latestSequence() {
  const now = BigInt(sequenceAt(Date.now()));
  return (lastSequence > now ? lastSequence : now).toString();
}

function sequenceAt(ms) {
  return (SEQUENCE_BASE + BigInt(ms) * 1000n).toString();
}

/** A JSON spelling that does not depend on the order of an object's keys. */
function canonical(value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
}

function regionOf(arn) {
  return String(arn || '').split(':')[3] || 'us-east-1';
}

function streamId(table) {
  return table.TableName + '/stream/' + table.LatestStreamLabel;
}

function recordKey(id, sequence) {
  return RECORDS_KEY + id + '~' + sequence;
}

// ---------------------------------------------------------------------------------------------------------------
// The table side: StreamSpecification on CreateTable and UpdateTable.

/** Lets CreateTable's StreamSpecification through dynalite's request checks, which drop unknown parameters. */
function acceptStreamSpecificationOnCreate() {
  const createTable = require('dynalite/validations/createTable');
  if (typeof createTable.types !== 'object') {
    throw new Error('dynalite has changed shape: update acceptStreamSpecificationOnCreate in ' + __filename);
  }
  createTable.types.StreamSpecification = {
    type: 'FieldStruct<StreamSpecification>',
    children: {
      StreamEnabled: { type: 'Boolean', notNull: true },
      StreamViewType: { type: 'String', enum: VIEW_TYPES },
    },
  };
}

/** DynamoDB's ValidationException for a StreamSpecification that cannot apply, or null. */
function invalidStreamSpecification(spec) {
  if (spec == null) return null;
  if (typeof spec !== 'object' || typeof spec.StreamEnabled !== 'boolean') {
    return "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy "
      + 'constraint: Member must not be null';
  }
  if (spec.StreamViewType != null && !VIEW_TYPES.includes(spec.StreamViewType)) {
    return "1 validation error detected: Value '" + spec.StreamViewType + "' at 'streamSpecification.streamViewType' "
      + 'failed to satisfy constraint: Member must satisfy enum value set: [' + VIEW_TYPES.join(', ') + ']';
  }
  if (spec.StreamEnabled && spec.StreamViewType == null) {
    return 'One or more parameter values were invalid: StreamViewType is required when streams are enabled';
  }
  if (!spec.StreamEnabled && spec.StreamViewType != null) {
    return 'One or more parameter values were invalid: StreamViewType cannot be specified when streams are disabled';
  }
  return null;
}

/**
 * A new stream on the table description (mutated: dynalite's CreateTable answers and stores that very object) and
 * its description in the streams' key space. The label is the creation time in ISO 8601 without the zone, as AWS
 * spells it ("arn:aws:dynamodb:...:table/logfile/stream/2018-10-27T02:15:46.245").
 */
async function openStream(store, table) {
  let label = new Date().toISOString().replace('Z', '');
  if (table.LatestStreamLabel && label <= table.LatestStreamLabel) {
    label = new Date(Date.parse(table.LatestStreamLabel + 'Z') + 1).toISOString().replace('Z', '');
  }
  table.LatestStreamLabel = label;
  table.LatestStreamArn = table.TableArn + '/stream/' + label;
  const description = {
    StreamArn: table.LatestStreamArn,
    StreamLabel: label,
    TableName: table.TableName,
    KeySchema: table.KeySchema,
    StreamViewType: table.StreamSpecification.StreamViewType,
    StreamStatus: 'ENABLED',
    CreationRequestDateTime: Date.now() / 1000,
    ShardId: 'shardId-' + String(Date.now()).padStart(20, '0') + '-' + crypto.randomBytes(4).toString('hex'),
    FirstSequence: sequenceAt(Date.now()),
  };
  await promised((cb) => store.db.put(STREAMS_KEY + streamId(table), description, cb));
}

async function closeStream(store, table) {
  if (!table.LatestStreamLabel) return;
  const key = STREAMS_KEY + streamId(table);
  const description = await promised((cb) => store.db.get(key, cb)).catch(() => null);
  if (description && description.StreamStatus === 'ENABLED') {
    description.StreamStatus = 'DISABLED';
    description.LastSequence = latestSequence();
    await promised((cb) => store.db.put(key, description, cb));
  }
}

/**
 * UpdateTable with StreamSpecification: enables a stream (a new label) or disables the current one, in place. An
 * enabled table refuses another enable, a disabled one a disable (UpdateTable, StreamSpecification: "You receive a
 * ValidationException if you try to enable a stream on a table that already has a stream, or if you try to disable
 * a stream on a table that doesn't have a stream").
 */
async function updateStreamSpecification(store, data) {
  const invalid = invalidStreamSpecification(data.StreamSpecification);
  if (invalid) throw validation(invalid);
  const others = Object.keys(data).filter((k) => !['TableName', 'StreamSpecification', 'AttributeDefinitions'].includes(k));
  if (others.length) {
    throw validation('The local DynamoDB changes StreamSpecification in an UpdateTable that changes nothing else');
  }
  const table = await promised((cb) => store.getTable(data.TableName, false, cb));
  const enabled = streamEnabled(table);
  if (data.StreamSpecification.StreamEnabled) {
    if (enabled) throw validation('Table already has an enabled stream: TableName: ' + table.TableName);
    table.StreamSpecification = { StreamEnabled: true, StreamViewType: data.StreamSpecification.StreamViewType };
    await openStream(store, table);
  } else {
    if (!enabled) throw validation('Table does not have a stream enabled: TableName: ' + table.TableName);
    await closeStream(store, table);
    table.StreamSpecification = { StreamEnabled: false };
  }
  await promised((cb) => store.tableDb.put(table.TableName, table, cb));
  return { TableDescription: table };
}

/** A deleted table's stream turns DISABLED and stays readable for its 24 hours, as on AWS. */
async function closeStreamOfDeletedTable(store, tableName) {
  const table = await promised((cb) => store.tableDb.get(tableName, cb)).catch(() => null);
  if (table && streamEnabled(table)) await closeStream(store, table);
}

// ---------------------------------------------------------------------------------------------------------------
// The DynamoDB Streams API.

function isStreamsTarget(target) {
  return String(target || '').startsWith(STREAMS_PREFIX);
}

async function streamsAction(store, target, data) {
  switch (target.slice(STREAMS_PREFIX.length)) {
    case 'ListStreams': return listStreams(store, data);
    case 'DescribeStream': return describeStream(store, data);
    case 'GetShardIterator': return getShardIterator(store, data);
    case 'GetRecords': return getRecords(store, data);
    default: throw error('com.amazon.coral.service#UnknownOperationException', null);
  }
}

async function allStreams(store) {
  const streams = [];
  await forEachValue(store.db, STREAMS_KEY, STREAMS_KEY + '\xff', Infinity, (value) => streams.push(value));
  return streams;
}

async function listStreams(store, data) {
  const limit = limitOf(data.Limit, 100);
  let streams = (await allStreams(store)).filter((s) => data.TableName == null || s.TableName === data.TableName);
  if (data.ExclusiveStartStreamArn != null) {
    const start = streams.findIndex((s) => idOf(s.StreamArn) === idOf(data.ExclusiveStartStreamArn));
    streams = streams.slice(start + 1);
  }
  const page = streams.slice(0, limit);
  const answer = { Streams: page.map((s) => ({ StreamArn: s.StreamArn, TableName: s.TableName, StreamLabel: s.StreamLabel })) };
  if (streams.length > limit) answer.LastEvaluatedStreamArn = page[page.length - 1].StreamArn;
  return answer;
}

/** "<table>/stream/<label>" of a stream ARN, or null. */
function idOf(arn) {
  const match = /:table\/([a-zA-Z0-9_.-]+\/stream\/[0-9T:.-]+)$/.exec(String(arn || ''));
  return match ? match[1] : null;
}

async function stream(store, arn) {
  const id = idOf(arn);
  if (arn == null) throw validation("1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null");
  const description = id && await promised((cb) => store.db.get(STREAMS_KEY + id, cb)).catch(() => null);
  if (!description) {
    throw error('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      'Requested resource not found: Stream: ' + arn + ' not found');
  }
  return { id, description };
}

async function describeStream(store, data) {
  const { id, description } = await stream(store, data.StreamArn);
  const range = { StartingSequenceNumber: await firstKept(store, id, description) };
  if (description.StreamStatus === 'DISABLED') range.EndingSequenceNumber = description.LastSequence;
  return {
    StreamDescription: {
      StreamArn: description.StreamArn,
      StreamLabel: description.StreamLabel,
      StreamStatus: description.StreamStatus,
      StreamViewType: description.StreamViewType,
      CreationRequestDateTime: description.CreationRequestDateTime,
      TableName: description.TableName,
      KeySchema: description.KeySchema,
      Shards: [{ ShardId: description.ShardId, SequenceNumberRange: range }],
    },
  };
}

/** The sequence number of the oldest record kept, or where the next one will start. */
async function firstKept(store, id, description) {
  let first = null;
  await forEachValue(store.db, recordKey(id, trimHorizon()), recordKey(id, '\xff'), 1,
    (record) => { first = record.dynamodb.SequenceNumber; });
  return first || (BigInt(oldestPosition(description)) + 1n).toString();
}

/**
 * The position just before the oldest record a reader can get: before the stream's first record, or after its last
 * trimmed one. A position before it is trimmed data (TrimmedDataAccessException).
 */
function oldestPosition(description) {
  const beforeFirst = (BigInt(description.FirstSequence) - 1n).toString();
  const trimmedThrough = description.TrimmedThrough || '0';
  return BigInt(trimmedThrough) > BigInt(beforeFirst) ? trimmedThrough : beforeFirst;
}

function trimHorizon() {
  return sequenceAt(Date.now() - RETENTION_MS);
}

async function getShardIterator(store, data) {
  const { id, description } = await stream(store, data.StreamArn);
  if (data.ShardId !== description.ShardId) {
    throw error('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      'Requested resource not found: Shard does not exist');
  }
  const type = data.ShardIteratorType;
  const number = data.SequenceNumber;
  const positional = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (!['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'].includes(type)) {
    throw validation("1 validation error detected: Value '" + type + "' at 'shardIteratorType' failed to satisfy "
      + 'constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, LATEST, TRIM_HORIZON]');
  }
  if (positional && !/^\d{21,40}$/.test(String(number))) {
    throw validation('Invalid SequenceNumber for ShardIteratorType ' + type + ': ' + number);
  }
  if (!positional && number != null) {
    throw validation('SequenceNumber must not be given for ShardIteratorType ' + type);
  }
  let after;
  if (type === 'TRIM_HORIZON') {
    after = oldestPosition(description);
  } else if (type === 'LATEST') {
    after = description.StreamStatus === 'DISABLED' ? description.LastSequence : latestSequence();
  } else {
    if (BigInt(number) <= BigInt(oldestPosition(description))) throw trimmed(number);
    after = type === 'AT_SEQUENCE_NUMBER' ? (BigInt(number) - 1n).toString() : number;
  }
  return { ShardIterator: iterator(description, after) };
}

// An iterator is its stream, the last sequence number it has passed and when it was issued, after the stream's ARN
// as AWS's begin ("arn:aws:dynamodb:...:table/Forum/stream/2015-05-20T20:51:10.252|1|AAAA...", Streams API
// Reference, GetShardIterator example): base64url of that JSON with an HMAC under this process's key, so a caller
// cannot forge one.
const iteratorKey = crypto.randomBytes(32);

function iterator(description, after) {
  const body = Buffer.from(JSON.stringify({ s: idOf(description.StreamArn), a: after, t: Date.now() }))
    .toString('base64url');
  return description.StreamArn + '|1|' + body + '.' + crypto.createHmac('sha256', iteratorKey).update(body).digest('base64url');
}

function readIterator(text) {
  const [body, mac] = String(text || '').split('|').pop().split('.');
  const expected = body && crypto.createHmac('sha256', iteratorKey).update(body).digest('base64url');
  if (!body || !mac || mac.length !== expected.length
      || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
    // Iterators of an earlier start are signed with its key: they read as expired, as they would be in 15 minutes.
    throw error('com.amazonaws.dynamodb.v20120810#ExpiredIteratorException',
      'Iterator expired or not issued by this server: ' + String(text).slice(0, 64));
  }
  const position = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  // The ARN in front is what the local IAM endpoint authorizes; it must be the stream the signed part reads.
  if (idOf(String(text).split('|')[0]) !== position.s) {
    throw validation('Invalid ShardIterator: its stream ARN does not match the stream it reads');
  }
  return position;
}

async function getRecords(store, data) {
  const limit = limitOf(data.Limit, MAX_LIMIT);
  const position = readIterator(data.ShardIterator);
  const now = Date.now();
  if (now - position.t > ITERATOR_TTL_MS) {
    throw error('com.amazonaws.dynamodb.v20120810#ExpiredIteratorException',
      'Iterator expired. The iterator was created at time ' + new Date(position.t).toISOString() + ' while right now '
      + 'it is ' + new Date(now).toISOString() + ' which is further in the future than the tolerated delay of '
      + ITERATOR_TTL_MS + ' milliseconds.');
  }
  const description = await promised((cb) => store.db.get(STREAMS_KEY + position.s, cb)).catch(() => null);
  if (!description) {
    throw error('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', 'Requested resource not found');
  }
  if (BigInt(position.a) < BigInt(description.TrimmedThrough || '0')) throw trimmed(position.a);
  const records = [];
  const from = (BigInt(position.a) + 1n).toString();
  await forEachValue(store.db, recordKey(position.s, from), recordKey(position.s, '\xff'), limit,
    (record) => records.push(record));
  const after = records.length ? records[records.length - 1].dynamodb.SequenceNumber : position.a;
  const answer = { Records: records };
  // A disabled stream's shard is closed: once read to its end, no next iterator ("NextShardIterator: ... If set to
  // null, the shard has been closed and the requested iterator does not return any more data").
  // A disabled stream gains no record, so a page shorter than the limit is its end.
  const closed = description.StreamStatus === 'DISABLED' && records.length < limit;
  if (!closed) answer.NextShardIterator = iterator(description, after);
  return answer;
}

function trimmed(position) {
  return error('com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException',
    'The operation attempted to read past the oldest stream record in a shard: ' + position);
}

/** Deletes the records older than 24 hours, from every stream, noting in each how far it is trimmed. */
async function trimExpired(store) {
  const horizon = trimHorizon();
  for (const description of await allStreams(store)) {
    const id = idOf(description.StreamArn);
    const stale = [];
    await forEachKey(store.db, recordKey(id, '0'), recordKey(id, horizon), (key) => stale.push({ type: 'del', key }));
    if (stale.length) {
      description.TrimmedThrough = stale[stale.length - 1].key.slice(stale[stale.length - 1].key.lastIndexOf('~') + 1);
      stale.push({ type: 'put', key: STREAMS_KEY + id, value: description });
      await promised((cb) => store.db.batch(stale, cb));
    }
  }
}

function limitOf(value, max) {
  if (value == null) return max;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw validation("1 validation error detected: Value '" + value + "' at 'limit' failed to satisfy constraint: "
      + 'Member must have value ' + (value < 1 ? 'greater than or equal to 1' : 'less than or equal to ' + max));
  }
  return value;
}

function forEachValue(level, gte, lt, limit, each) {
  return new Promise((resolve, reject) => {
    level.createValueStream({ gte, lt, limit: limit === Infinity ? -1 : limit })
      .on('data', each).on('error', reject).on('end', resolve);
  });
}

function forEachKey(level, gte, lt, each) {
  return new Promise((resolve, reject) => {
    level.createKeyStream({ gte, lt }).on('data', each).on('error', reject).on('end', resolve);
  });
}

function promised(operation) {
  return new Promise((resolve, reject) => operation((err, value) => (err ? reject(err) : resolve(value))));
}

function validation(message) {
  return error('com.amazon.coral.validate#ValidationException', message);
}

function error(type, message) {
  const err = new Error(message || type);
  err.statusCode = 400;
  err.body = { __type: type };
  if (message != null) err.body.message = message;
  return err;
}

module.exports = {
  installStreams,
  acceptStreamSpecificationOnCreate,
  invalidStreamSpecification,
  updateStreamSpecification,
  closeStreamOfDeletedTable,
  isStreamsTarget,
  streamsAction,
};
