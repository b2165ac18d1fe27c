// Starts dynalite (a DynamoDB-compatible server on LevelDB) for the local Task API stack.
// Usage: node dynalite-server.js <port, 0 for a free one> [data directory; in memory when absent]
// The first line of standard input is the credentials every request must be signed with, as JSON
// {"accessKeyId": ..., "secretAccessKey": ...}: random per start, from the launcher (Dynalite.java), so they are never
// on a command line, in the environment or in a file. Prints "dynalite listening on http://127.0.0.1:<port>" once
// it accepts connections, and exits when its standard input closes: the JVM holds that pipe, so this child dies with
// it even on kill -9.
'use strict';

const fs = require('fs');
const path = require('path');
const dynalite = require('dynalite');
const aws4 = require('aws4');

supportReturnValuesOnConditionCheckFailure();
const dynaliteStore = captureStore();
const streams = require('./dynalite-streams');
streams.acceptStreamSpecificationOnCreate();

const port = Number(process.argv[2] || 0);
const dataPath = process.argv[3];
let server;
let credentials;

function start() {
  // The tables hold password hashes and token hashes: LevelDB's files are the owner's alone (0600, folders 0700),
  // those of an older run included.
  process.umask(0o077);
  if (dataPath) ownerOnly(dataPath);
  server = dynalite({
    path: dataPath || undefined,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  streams.installStreams(dynaliteStore.store);
  addTransactWriteItems(server);
  admitOnlySignedLoopbackCalls(server);

  server.on('error', (err) => {
    console.error(`dynalite failed: ${err.message}`);
    process.exit(1);
  });

  server.listen(port, '127.0.0.1', () => {
    console.log(`dynalite listening on http://127.0.0.1:${server.address().port}`);
  });
}

// dynalite rethrows a request stream's 'error', so a client that gives up mid-request (an SDK attempt timeout on
// a loaded machine does) would kill the whole database and fail every later request with 503. Such an abort
// costs that one request only; any other uncaught error still stops the process.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    console.error(`a client aborted a request (${err.message}); still serving`);
    return;
  }
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});

function ownerOnly(directory) {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  fs.chmodSync(directory, 0o700);
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      ownerOnly(entryPath);
    } else if (entry.isFile()) {
      fs.chmodSync(entryPath, 0o600);
    }
  }
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  if (!server) process.exit(0);
  // Close LevelDB cleanly; SDK clients keep idle keep-alive connections, which must not hold us up.
  setTimeout(() => process.exit(0), 5000).unref();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}

let firstLine = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  if (credentials) return;
  firstLine += chunk;
  const end = firstLine.indexOf('\n');
  if (end < 0) return;
  credentials = JSON.parse(firstLine.slice(0, end));
  firstLine = '';
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    console.error('the first line of standard input must be {"accessKeyId": ..., "secretAccessKey": ...}');
    process.exit(1);
  }
  start();
});
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/**
 * DynamoDB's ReturnValuesOnConditionCheckFailure on PutItem, UpdateItem and DeleteItem, which dynalite 4.0.0 drops
 * as an unknown parameter (github.com/architect/dynalite issue 182). As the DynamoDB API Reference describes it
 * (API_PutItem, API_UpdateItem, API_DeleteItem: "ReturnValuesOnConditionCheckFailure ... Valid Values: ALL_OLD |
 * NONE"; API_ConditionalCheckFailedException: "Item: Item which caused the ConditionalCheckFailedException"):
 * another value is a ValidationException, and with ALL_OLD a failed condition's error carries the whole item it was
 * evaluated against, when there is one.
 *
 * Each of dynalite's three actions (actions/putItem.js, updateItem.js, deleteItem.js) reads the stored item and
 * calls db.checkConditional(data, item) while it holds the item's lock (itemDb.lock), so the item handed to that
 * call is exactly the one the condition failed on, with no write in between. Wrapping that exported function is
 * therefore atomic, and the parameter gets through dynalite's request checks by adding it to each action's
 * declared parameter types (validations/<action>.js, whose enum check words the error as DynamoDB does).
 * TransactWriteItems (emulated below) returns the item in its CancellationReasons the same way (conditionReason).
 */
function supportReturnValuesOnConditionCheckFailure() {
  const db = require('dynalite/db');
  const actions = ['putItem', 'updateItem', 'deleteItem'].map((name) => require(`dynalite/validations/${name}`));
  if (typeof db.checkConditional !== 'function' || actions.some((action) => typeof action.types !== 'object')) {
    throw new Error('dynalite has changed shape: update supportReturnValuesOnConditionCheckFailure in ' + __filename);
  }
  for (const action of actions) {
    action.types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
  }
  const checkConditional = db.checkConditional;
  db.checkConditional = function checkConditionalReturningTheItem(data, existingItem) {
    const failure = checkConditional.call(this, data, existingItem);
    if (failure && failure.body && existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') {
      failure.body.Item = existingItem;
    }
    return failure;
  };
}

/**
 * Who may call: only a client on this machine that addressed this server by its loopback address and signed the
 * request (AWS Signature Version 4) with the credentials of this start. dynalite 4.0.0 on its own answers every
 * Origin with `Access-Control-Allow-Origin: *` (preflights included, echoing any requested header), serves any
 * Host, and checks only that an Authorization header is present, so any web page open on the developer's machine
 * could read and write the table (a cross-origin fetch, or DNS rebinding) and skip the local IAM endpoint. Here:
 *
 * - a Host other than 127.0.0.1:<port> or localhost:<port> is 421 Misdirected Request (RFC 9110, 15.5.20): a
 *   DNS-rebound page sends its own name;
 * - a request with an Origin header, and any OPTIONS (a CORS preflight), is 403 without any CORS header: browsers
 *   send Origin with every cross-origin request and every POST, SDKs never do;
 * - then the signature is checked by signing the request again with aws4 (npm; the same canonical request, string
 *   to sign and key derivation as "Create a signed AWS API request", IAM User Guide) and comparing in constant time.
 *   Refusals are DynamoDB's own ("Error handling with DynamoDB", DynamoDB Developer Guide: HTTP 400 with
 *   MissingAuthenticationTokenException, IncompleteSignatureException, UnrecognizedClientException or
 *   InvalidSignatureException; messages as DynamoDB words them, quoted in dynalite's index.js), a request signed
 *   more than 15 minutes from this clock included ("Signature expired").
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];
const MAX_REQUEST_BYTES = 16 * 1024 * 1024; // dynalite's own limit
const TOO_LARGE = new Error('request too large');
const MAX_SKEW_MS = 15 * 60 * 1000;
const SIGNATURE = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function admitOnlySignedLoopbackCalls(server) {
  const [next] = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const hosts = LOOPBACK_NAMES.map((name) => `${name}:${server.address().port}`);
    if (!hosts.includes(String(req.headers.host || '').toLowerCase())) {
      refuse(req, res, 421, 'Misdirected Request: this server answers only ' + hosts.join(' or '));
    } else if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
      refuse(req, res, 403, 'Forbidden: no web page may call the local DynamoDB');
    } else {
      readBody(req, MAX_REQUEST_BYTES).then((body) => {
        const refusal = signatureRefusal(req, body, Date.now());
        if (refusal) {
          send(res, 400, { __type: 'com.amazon.coral.service#' + refusal[0], message: refusal[1] });
        } else {
          next(replay(req, body), res);
        }
      }, (err) => {
        if (err === TOO_LARGE) {
          refuse(req, res, 413, 'Request Entity Too Large');
        } else {
          res.destroy(); // the client went away mid-request: nothing to answer
        }
      });
    }
  });
}

/** Why the request's signature is not one of this start's credentials, as [DynamoDB error type, message]. */
function signatureRefusal(req, body, now) {
  const authorization = req.headers.authorization;
  if (!authorization || !authorization.trim().startsWith('AWS4-')) {
    return ['MissingAuthenticationTokenException', 'Request is missing Authentication Token'];
  }
  const parts = SIGNATURE.exec(authorization.trim());
  if (!parts) {
    return ['IncompleteSignatureException',
      'Authorization header requires \'Credential\', \'Signature\' and \'SignedHeaders\' parameters.'];
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = parts;
  if (accessKeyId !== credentials.accessKeyId) {
    return ['UnrecognizedClientException', 'The security token included in the request is invalid.'];
  }
  const signedHeaders = signedHeaderList.split(';');
  const amzDate = String(req.headers['x-amz-date'] || '');
  const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!signedAt || !signedHeaders.includes('x-amz-date')) {
    return ['IncompleteSignatureException', 'Authorization header requires existence of a signed \'X-Amz-Date\' header.'];
  }
  const at = Date.UTC(signedAt[1], signedAt[2] - 1, signedAt[3], signedAt[4], signedAt[5], signedAt[6]);
  if (Math.abs(now - at) > MAX_SKEW_MS) {
    return ['InvalidSignatureException', `Signature expired: ${amzDate} is more than 15 min. from the server's time.`];
  }
  if (!signedHeaders.includes('host') || service !== 'dynamodb' || scopeDate !== amzDate.slice(0, 8)) {
    return ['InvalidSignatureException', '\'Host\' must be a \'SignedHeader\', and the Credential scoped to '
      + 'the request\'s date and to \'dynamodb\'.'];
  }
  const claimedHash = req.headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== crypto.createHash('sha256').update(body).digest('hex')) {
    return ['InvalidSignatureException', 'The provided \'x-amz-content-sha256\' header does not match what was computed.'];
  }
  const headers = {};
  const include = {};
  for (const name of signedHeaders) {
    if (req.headers[name] === undefined) {
      return ['InvalidSignatureException', `The signed header '${name}' is missing.`];
    }
    headers[name] = req.headers[name];
    include[name] = true;
  }
  // aws4 adds Content-Type and Content-Length to a request with a body that has none; unsigned, they must stay out.
  const ignore = { 'content-type': !include['content-type'], 'content-length': !include['content-length'] };
  const expected = aws4.sign({
    method: req.method, path: req.url, body, service, region, headers,
    extraHeadersToInclude: include, extraHeadersToIgnore: ignore,
  }, credentials).headers.Authorization;
  const expectedSignature = Buffer.from(expected.slice(expected.lastIndexOf('=') + 1));
  const given = Buffer.from(signature);
  if (expected.indexOf('SignedHeaders=' + signedHeaderList + ',') < 0 || expectedSignature.length !== given.length
      || !crypto.timingSafeEqual(expectedSignature, given)) {
    return ['InvalidSignatureException', 'The request signature we calculated does not match the signature you '
      + 'provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'];
  }
  return null;
}

/** The request again, its body read: what dynalite's handler reads (headers, method, url, 'data', 'end'). */
function replay(req, body) {
  const again = Readable.from(body.length ? [body] : []);
  again.headers = req.headers;
  again.method = req.method;
  again.url = req.url;
  return again;
}

function refuse(req, res, status, message) {
  req.resume(); // the body is not wanted, but must be read for the connection to be reused
  const text = JSON.stringify({ message });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// TransactWriteItems for dynalite 4.0.0, which has none (its index.js lists no Transact* operation).
//
// What DynamoDB documents ("TransactWriteItems", Amazon DynamoDB API Reference, API version 2012-08-10): up to 100
// actions (ConditionCheck, Put, Update, Delete), each on a different item, applied all or none; if any condition
// fails, nothing is written and the call fails with TransactionCanceledException, whose CancellationReasons hold
// one entry per action, in order: "ConditionalCheckFailed" for a failed condition, "None" for the others. A
// transaction is serializable with respect to every other write.
//
// How it is emulated: every write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems) runs under
// one lock, so no write lands between a transaction's condition checks and its writes. Conditions are evaluated
// with dynalite's own expression parser and evaluator (node_modules/dynalite validations/index.js
// validateExpressions and db/index.js checkConditional, version 4.0.0); the writes are then sent to dynalite
// without their conditions, the action last in the transaction written last. Reads take no lock, so a read
// between two writes of one transaction can see the first; the API's transactions end with their change-log entry
// (ChangeLog.java), so a reader that finds an entry finds the rest of its transaction written (docs/design.md).
const http = require('http');
const crypto = require('crypto');
const { Readable } = require('stream');
const validations = require('dynalite/validations');
const db = require('dynalite/db');

const PREFIX = 'DynamoDB_20120810.';
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const ACTIONS = ['ConditionCheck', 'Put', 'Update', 'Delete'];
// Marks the requests a transaction sends to dynalite itself while holding the lock (they must not wait for it).
const INTERNAL = 'x-taskapi-transaction';
const internalToken = crypto.randomBytes(16).toString('hex');
const LOCK_LIMIT_MS = 10000;

function addTransactWriteItems(server) {
  const [dynaliteHandler] = server.listeners('request');
  server.removeAllListeners('request');
  let tail = Promise.resolve();
  const locked = (work) => {
    const run = tail.then(work);
    tail = run.catch(() => {});
    return run;
  };

  server.on('request', (req, res) => {
    const target = String(req.headers['x-amz-target'] || '');
    const operation = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    if (req.headers[INTERNAL] === internalToken) {
      dynaliteHandler(req, res);
    } else if (operation === 'TransactWriteItems') {
      // As the other writes below: a transaction whose client gave up while it waited for the lock is not run.
      let closed = false;
      res.on('close', () => { if (!res.writableFinished) closed = true; });
      readBody(req, MAX_REQUEST_BYTES)
        .then((body) => locked(() => (closed ? null : idempotently(body, () => transact(server, JSON.parse(body))))))
        .then((answer) => { if (answer) send(res, 200, answer); })
        .catch((err) => send(res, err.statusCode || 500, err.body || { __type: 'InternalFailure', message: String(err) }));
    } else if (streams.isStreamsTarget(target)) {
      // DynamoDB Streams (dynalite-streams.js): reads of the records, no lock needed.
      readBody(req, MAX_REQUEST_BYTES)
        .then((body) => streams.streamsAction(dynaliteStore.store, target, JSON.parse(body.toString('utf8') || '{}')))
        .then((answer) => send(res, 200, answer))
        .catch((err) => send(res, err.statusCode || 500, err.body || { __type: 'InternalFailure', message: String(err) }));
    } else if (operation === 'CreateTable') {
      keySchemas.clear();
      readBody(req, MAX_REQUEST_BYTES).then((body) => {
        const invalid = streams.invalidStreamSpecification(JSON.parse(body.toString('utf8') || '{}').StreamSpecification);
        if (invalid) {
          send(res, 400, validationError(invalid).body);
        } else {
          dynaliteHandler(replay(req, body), res);
        }
      }, () => res.destroy());
    } else if (operation === 'DeleteTable') {
      keySchemas.clear();
      readBody(req, MAX_REQUEST_BYTES).then((body) => {
        const data = JSON.parse(body.toString('utf8') || '{}');
        locked(() => streams.closeStreamOfDeletedTable(dynaliteStore.store, data.TableName))
          .then(() => dynaliteHandler(replay(req, body), res), () => dynaliteHandler(replay(req, body), res));
      }, () => res.destroy());
    } else if (operation === 'UpdateTable') {
      readBody(req, MAX_REQUEST_BYTES).then((body) => {
        const data = JSON.parse(body.toString('utf8') || '{}');
        if (data.StreamSpecification !== undefined) {
          // Under the write lock: no write lands between the old stream's last record and the new stream's first.
          locked(() => streams.updateStreamSpecification(dynaliteStore.store, data))
            .then((answer) => send(res, 200, answer))
            .catch((err) => send(res, err.statusCode || 500, err.body || { __type: 'InternalFailure', message: String(err) }));
          return;
        }
        if (!createsOrDeletesAnIndex(data)) {
          dynaliteHandler(replay(req, body), res);
          return;
        }
        locked(() => updateGlobalIndexes(data, (answer) => send(res, 200, answer))).catch((err) => {
          if (res.headersSent) {
            console.error(`a global secondary index of ${data.TableName} failed after it was answered: ${err.stack || err}`);
          } else {
            send(res, err.statusCode || 500, err.body || { __type: 'InternalFailure', message: String(err) });
          }
        });
      }, () => res.destroy());
    } else if (WRITES.has(operation)) {
      // Listened to at once: a client that gives up while waiting (an SDK attempt timeout) closes the response
      // before its turn, and that turn must then be skipped, not wait for a 'close' that already happened.
      // 'finish' is the answer sent; 'close' alone may wait for a keep-alive connection to end.
      let closed = false;
      const done = new Promise((resolve) => {
        res.on('finish', resolve);
        res.on('close', () => { closed = true; resolve(); });
      });
      locked(() => {
        if (closed) return undefined;
        dynaliteHandler(req, res);
        // A safety valve: no single write may hold every other one up for longer than an SDK call lasts.
        return Promise.race([done, new Promise((resolve) => setTimeout(resolve, LOCK_LIMIT_MS).unref())]);
      });
    } else {
      dynaliteHandler(req, res);
    }
  });
}

// ClientRequestToken, which the AWS SDKs fill in for every TransactWriteItems call and send again on its retries:
// "multiple identical calls have the same effect as one single call"; a token is valid for 10 minutes after the
// first request that uses it completes; the same token with other parameters within those minutes is an
// IdempotentParameterMismatchException ("TransactWriteItems", ClientRequestToken, DynamoDB API Reference). So the
// SDK's retry of a transaction that committed but whose answer was lost succeeds without writing again, as on AWS.
// Kept here: the committed transactions' tokens, each with a digest of its request, until its 10 minutes end.
const TOKEN_VALID_MS = 10 * 60 * 1000;
const committedTokens = new Map();

async function idempotently(body, run) {
  const token = JSON.parse(body).ClientRequestToken;
  if (token == null) return run();
  const now = Date.now();
  for (const [kept, { until }] of committedTokens) {
    if (until <= now) committedTokens.delete(kept);
  }
  const digest = crypto.createHash('sha256').update(body).digest('hex');
  const earlier = committedTokens.get(token);
  if (earlier && earlier.digest !== digest) {
    const err = new Error('idempotent parameter mismatch');
    err.statusCode = 400;
    err.body = {
      __type: 'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
      message: 'The request uses the same client token as a previous, but non-identical request.',
    };
    throw err;
  }
  if (earlier) return {};
  const answer = await run();
  committedTokens.set(token, { digest, until: Date.now() + TOKEN_VALID_MS });
  return answer;
}

async function transact(server, data) {
  const items = data.TransactItems;
  if (!Array.isArray(items) || items.length < 1 || items.length > 100) {
    throw validationError('1 to 100 TransactItems are required');
  }
  const actions = items.map((item) => {
    const names = ACTIONS.filter((name) => item && item[name]);
    if (names.length !== 1) throw validationError('each TransactItem must have exactly one action');
    return { name: names[0], spec: item[names[0]] };
  });
  const seen = new Set();
  for (const action of actions) {
    const { spec } = action;
    const keyNames = await keySchema(server, spec.TableName);
    action.key = spec.Key || Object.fromEntries(keyNames.map((n) => [n, spec.Item[n]]));
    action.id = spec.TableName + JSON.stringify(keyNames.map((n) => action.key[n]));
    if (seen.has(action.id)) {
      throw validationError('Transaction request cannot include multiple operations on one item');
    }
    seen.add(action.id);
  }
  const current = await currentItems(server, actions.filter((a) => a.spec.ConditionExpression != null));
  const reasons = actions.map((action) => conditionReason(action.spec, current.get(action.id)));
  if (reasons.some((r) => r.Code !== 'None')) {
    const err = new Error('transaction cancelled');
    err.statusCode = 400;
    err.body = {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons ['
        + reasons.map((r) => r.Code).join(', ') + ']',
      CancellationReasons: reasons,
    };
    throw err;
  }
  // The writes, without their conditions (checked above, under the lock): the Puts and Deletes in BatchWriteItems
  // of 25 (its limit), then the Updates, and the transaction's last action alone, last. Reads take no lock, so
  // whoever reads the last action's item (the change log's entry, in the API's transactions) finds the others
  // written.
  const last = actions[actions.length - 1];
  const rest = actions.slice(0, -1);
  const batched = rest.filter((a) => a.name === 'Put' || a.name === 'Delete');
  for (let from = 0; from < batched.length; from += 25) {
    const requests = {};
    for (const action of batched.slice(from, from + 25)) {
      (requests[action.spec.TableName] = requests[action.spec.TableName] || []).push(action.name === 'Put'
        ? { PutRequest: { Item: action.spec.Item } } : { DeleteRequest: { Key: action.key } });
    }
    const answer = await call(server, 'BatchWriteItem', { RequestItems: requests });
    if (answer.UnprocessedItems && Object.keys(answer.UnprocessedItems).length) {
      throw new Error('dynalite left items of a transaction unprocessed');
    }
  }
  for (const action of rest.filter((a) => a.name === 'Update')) {
    await write(server, action);
  }
  await write(server, last);
  return {};
}

async function write(server, action) {
  const { TableName, Item, UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues } = action.spec;
  if (action.name === 'Put') {
    await call(server, 'PutItem', { TableName, Item });
  } else if (action.name === 'Delete') {
    await call(server, 'DeleteItem', { TableName, Key: action.key });
  } else if (action.name === 'Update') {
    await call(server, 'UpdateItem', withUsed(
      { TableName, Key: action.key, UpdateExpression }, UpdateExpression, ExpressionAttributeNames,
      ExpressionAttributeValues));
  }
}

// A table's key attribute names, from DescribeTable once per table (forgotten when any table is created or deleted).
const keySchemas = new Map();

async function keySchema(server, tableName) {
  if (!keySchemas.has(tableName)) {
    const described = await call(server, 'DescribeTable', { TableName: tableName });
    keySchemas.set(tableName, described.Table.KeySchema.map((k) => k.AttributeName));
  }
  return keySchemas.get(tableName);
}

// The stored items of these actions, by action id: strongly consistent BatchGetItems of up to 100 keys (its limit),
// under the write lock, so they are the items the conditions are checked against.
async function currentItems(server, actions) {
  const items = new Map();
  if (actions.length === 0) return items;
  const requests = {};
  for (const action of actions) {
    const table = requests[action.spec.TableName] = requests[action.spec.TableName] || { Keys: [], ConsistentRead: true };
    if (!table.Keys.some((k) => JSON.stringify(k) === JSON.stringify(action.key))) table.Keys.push(action.key);
  }
  const answer = await call(server, 'BatchGetItem', { RequestItems: requests });
  if (answer.UnprocessedKeys && Object.keys(answer.UnprocessedKeys).length) {
    throw new Error('dynalite left keys of a transaction unprocessed');
  }
  for (const [tableName, found] of Object.entries(answer.Responses || {})) {
    const keyNames = keySchemas.get(tableName);
    for (const item of found) {
      items.set(tableName + JSON.stringify(keyNames.map((n) => item[n])), item);
    }
  }
  return items;
}

// The action's CancellationReason: "None", or "ConditionalCheckFailed" with, when the action asked for it
// (ReturnValuesOnConditionCheckFailure ALL_OLD), the item as it was ("CancellationReason", Amazon DynamoDB API
// Reference: "Item: Item in the request which caused the transaction to get cancelled"; "ConditionCheck", "Put",
// "Update", "Delete": "ReturnValuesOnConditionCheckFailure ... Valid Values: ALL_OLD | NONE"). The item was read
// under the write lock, so it is the one the condition failed on.
function conditionReason(spec, item) {
  const returnValues = spec.ReturnValuesOnConditionCheckFailure;
  if (returnValues != null && returnValues !== 'ALL_OLD' && returnValues !== 'NONE') {
    throw validationError("1 validation error detected: Value '" + returnValues
      + "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: "
      + 'Member must satisfy enum value set: [ALL_OLD, NONE]');
  }
  if (spec.ConditionExpression == null) return { Code: 'None' };
  const condition = {
    ConditionExpression: spec.ConditionExpression,
    ExpressionAttributeNames: spec.ExpressionAttributeNames,
    ExpressionAttributeValues: spec.ExpressionAttributeValues,
  };
  if (spec.UpdateExpression != null) condition.UpdateExpression = spec.UpdateExpression;
  const invalid = validations.validateExpressions(condition);
  if (invalid) throw validationError(invalid);
  if (db.checkConditional(condition, item) == null) return { Code: 'None' };
  const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
  if (returnValues === 'ALL_OLD' && item) reason.Item = item;
  return reason;
}

// An update sent on without its condition keeps only the names and values its update expression uses, since
// DynamoDB (and dynalite) refuse unused ones.
function withUsed(request, expression, names, values) {
  const pick = (map) => map && Object.fromEntries(Object.entries(map).filter(([k]) => expression.includes(k)));
  const usedNames = pick(names);
  const usedValues = pick(values);
  if (usedNames && Object.keys(usedNames).length) request.ExpressionAttributeNames = usedNames;
  if (usedValues && Object.keys(usedValues).length) request.ExpressionAttributeValues = usedValues;
  return request;
}

function call(server, operation, payload) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    // Signed with this start's credentials like any other caller's request: the guard in front admits no other.
    const request = http.request(aws4.sign({
      hostname: '127.0.0.1',
      port: server.address().port,
      method: 'POST',
      path: '/',
      service: 'dynamodb',
      region: 'us-east-1',
      body,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': PREFIX + operation,
        [INTERNAL]: internalToken,
      },
    }, credentials), (response) => {
      readBody(response).then((bytes) => {
        const text = bytes.toString('utf8');
        const answer = text ? JSON.parse(text) : {};
        if (response.statusCode === 200) {
          resolve(answer);
        } else {
          const err = new Error(operation + ' failed');
          err.statusCode = response.statusCode;
          err.body = answer;
          reject(err);
        }
      }, reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function readBody(stream, limit = Infinity) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    stream.on('data', (chunk) => {
      length += chunk.length;
      if (length > limit) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(TOO_LARGE);
      } else {
        chunks.push(chunk);
      }
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomBytes(16).toString('hex'),
  });
  res.end(text);
}

function validationError(message) {
  const err = new Error(message);
  err.statusCode = 400;
  err.body = { __type: 'com.amazon.coral.validate#ValidationException', message };
  return err;
}

// UpdateTable's GlobalSecondaryIndexUpdates Create and Delete, which dynalite 4.0.0 does not do (its
// actions/updateTable.js applies only ProvisionedThroughput, BillingMode and the indexes' Update).
//
// What DynamoDB documents: "You can create or delete only one global secondary index per UpdateTable operation"
// (UpdateTable, GlobalSecondaryIndexUpdates, Amazon DynamoDB API Reference); a Create names its key attributes in
// the request's AttributeDefinitions (GlobalSecondaryIndexUpdate: "The parameters required for creating a global
// secondary index on an existing table: IndexName, KeySchema, AttributeDefinitions, Projection ..."). The answer
// comes at once with the new index CREATING; DynamoDB then "backfills" it: "DynamoDB ... reads each item in the
// table and writes the index entries for the items that have the index's key attributes"; the index turns ACTIVE
// when that ends ("Adding a global secondary index to an existing table", "Phases of index creation", DynamoDB
// Developer Guide). A deleted index and its entries are gone.
//
// How: the index is added to the table's description (CREATING, Backfilling) and the answer sent; then, still under
// the one write lock, every stored item is offered to the new index through dynalite's own getIndexActions (the
// index key and projection its writes use), and the index turns ACTIVE. Holding the write lock means no write
// lands between the backfill's read of an item and its index entry, so the index ends exactly as the writes that
// follow would have left it; reads go on meanwhile.
function captureStore() {
  const db = require('dynalite/db');
  const create = db.create;
  if (typeof create !== 'function' || typeof db.getIndexActions !== 'function') {
    throw new Error('dynalite has changed shape: update captureStore in ' + __filename);
  }
  const captured = {};
  db.create = function createCapturingTheStore(options) {
    captured.store = create.call(this, options);
    return captured.store;
  };
  return captured;
}

function createsOrDeletesAnIndex(data) {
  return Array.isArray(data.GlobalSecondaryIndexUpdates)
    && data.GlobalSecondaryIndexUpdates.some((update) => update && (update.Create || update.Delete));
}

async function updateGlobalIndexes(data, answer) {
  const { store } = dynaliteStore;
  const updates = data.GlobalSecondaryIndexUpdates;
  if (updates.filter((update) => update && (update.Create || update.Delete)).length > 1) {
    throw dynamoDbError(400, 'com.amazonaws.dynamodb.v20120810#LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  }
  if (updates.length !== 1 || data.ProvisionedThroughput || data.BillingMode) {
    throw validationError('The local DynamoDB creates or deletes a global secondary index in an UpdateTable that '
      + 'changes nothing else');
  }
  const table = await promised((cb) => store.getTable(data.TableName, false, cb));
  if (table.TableStatus !== 'ACTIVE') {
    throw dynamoDbError(400, 'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being updated: ' + data.TableName);
  }
  const indexes = table.GlobalSecondaryIndexes || [];
  const { Create, Delete } = updates[0];
  if (Delete) {
    if (!indexes.some((index) => index.IndexName === Delete.IndexName)) {
      throw dynamoDbError(400, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        'Requested resource not found: Index: ' + Delete.IndexName);
    }
    table.GlobalSecondaryIndexes = indexes.filter((index) => index.IndexName !== Delete.IndexName);
    if (!table.GlobalSecondaryIndexes.length) delete table.GlobalSecondaryIndexes;
    await promised((cb) => store.tableDb.put(table.TableName, table, cb));
    await promised((cb) => store.deleteIndexDb('global', table.TableName, Delete.IndexName, cb));
    answer({ TableDescription: table });
    return;
  }
  const index = createdIndex(table, Create, data.AttributeDefinitions || []);
  table.GlobalSecondaryIndexes = indexes.concat([index]);
  table.TableStatus = 'UPDATING';
  await promised((cb) => store.tableDb.put(table.TableName, table, cb));
  answer({ TableDescription: table });
  await backfill(store, table, index);
  index.IndexStatus = 'ACTIVE';
  delete index.Backfilling;
  table.TableStatus = 'ACTIVE';
  await promised((cb) => store.tableDb.put(table.TableName, table, cb));
}

function createdIndex(table, create, definitions) {
  if (!create.IndexName || !Array.isArray(create.KeySchema) || !create.Projection) {
    throw validationError('One or more parameter values were invalid: a Create needs IndexName, KeySchema and '
      + 'Projection');
  }
  if ((table.GlobalSecondaryIndexes || []).concat(table.LocalSecondaryIndexes || [])
    .some((index) => index.IndexName === create.IndexName)) {
    throw validationError('One or more parameter values were invalid: Index already exists: ' + create.IndexName);
  }
  const types = Object.fromEntries(table.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]));
  for (const definition of definitions) {
    if (types[definition.AttributeName] && types[definition.AttributeName] !== definition.AttributeType) {
      throw validationError('One or more parameter values were invalid: Cannot change the type of attribute '
        + definition.AttributeName);
    }
    if (!types[definition.AttributeName]) {
      types[definition.AttributeName] = definition.AttributeType;
      table.AttributeDefinitions.push({ AttributeName: definition.AttributeName, AttributeType: definition.AttributeType });
    }
  }
  const undefinedKeys = create.KeySchema.map((key) => key.AttributeName).filter((name) => !types[name]);
  if (undefinedKeys.length) {
    throw validationError('One or more parameter values were invalid: Some index key attributes are not defined in '
      + 'AttributeDefinitions. Keys: [' + undefinedKeys.join(', ') + ']');
  }
  return {
    IndexName: create.IndexName,
    KeySchema: create.KeySchema,
    Projection: create.Projection,
    IndexStatus: 'CREATING',
    Backfilling: true,
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
    IndexSizeBytes: 0,
    ItemCount: 0,
    IndexArn: table.TableArn + '/index/' + create.IndexName,
  };
}

/** Writes the new index's entry of every stored item that has the index's key attributes. */
function backfill(store, table, index) {
  const indexDb = store.getIndexDb('global', table.TableName, index.IndexName);
  return new Promise((resolve, reject) => {
    const puts = [];
    store.getItemDb(table.TableName).createValueStream()
      .on('data', (item) => {
        for (const put of db.getIndexActions([index], null, item, table).puts) {
          puts.push(promised((cb) => indexDb.put(put.key, put.item, cb)));
        }
      })
      .on('error', reject)
      .on('end', () => Promise.all(puts).then(resolve, reject));
  });
}

function promised(operation) {
  return new Promise((resolve, reject) => operation((err, value) => (err ? reject(err) : resolve(value))));
}

function dynamoDbError(statusCode, type, message) {
  const err = new Error(message);
  err.statusCode = statusCode;
  err.body = { __type: type, message };
  return err;
}
