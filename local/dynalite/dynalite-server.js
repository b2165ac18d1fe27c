// Starts dynalite (a DynamoDB-compatible server on LevelDB) for the local Task API stack.
// Usage: node dynalite-server.js <port, 0 for a free one> [data directory; in memory when absent]
// Prints "dynalite listening on http://127.0.0.1:<port>" once it accepts connections, and exits when its
// standard input closes: the JVM holds that pipe, so this child dies with it even on kill -9.
'use strict';

const dynalite = require('dynalite');

supportReturnValuesOnConditionCheckFailure();

const port = Number(process.argv[2] || 0);
const dataPath = process.argv[3];

const server = dynalite({
  path: dataPath || undefined,
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
addTransactWriteItems(server);

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

server.on('error', (err) => {
  console.error(`dynalite failed: ${err.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`dynalite listening on http://127.0.0.1:${server.address().port}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Close LevelDB cleanly; SDK clients keep idle keep-alive connections, which must not hold us up.
  setTimeout(() => process.exit(0), 5000).unref();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}

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
 * TransactWriteItems (emulated below) does not return the item in its CancellationReasons: nothing here asks it to.
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
// without their conditions. Reads take no lock, so a read between two writes of one transaction can see the
// first: the API's transactions write one item (and check others), where that cannot happen.
const http = require('http');
const crypto = require('crypto');
const validations = require('dynalite/validations');
const db = require('dynalite/db');

const PREFIX = 'DynamoDB_20120810.';
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const ACTIONS = ['ConditionCheck', 'Put', 'Update', 'Delete'];
// Marks the requests a transaction sends to dynalite itself while holding the lock.
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
      readBody(req)
        .then((body) => locked(() => transact(server, req.headers, JSON.parse(body))))
        .then((answer) => send(res, 200, answer))
        .catch((err) => send(res, err.statusCode || 500, err.body || { __type: 'InternalFailure', message: String(err) }));
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

async function transact(server, headers, data) {
  const items = data.TransactItems;
  if (!Array.isArray(items) || items.length < 1 || items.length > 100) {
    throw validationError('1 to 100 TransactItems are required');
  }
  const actions = items.map((item) => {
    const names = ACTIONS.filter((name) => item && item[name]);
    if (names.length !== 1) throw validationError('each TransactItem must have exactly one action');
    return { name: names[0], spec: item[names[0]] };
  });
  const keySchemas = {};
  const seen = new Set();
  const reasons = [];
  for (const action of actions) {
    const { spec } = action;
    if (!keySchemas[spec.TableName]) {
      const described = await call(server, headers, 'DescribeTable', { TableName: spec.TableName });
      keySchemas[spec.TableName] = described.Table.KeySchema.map((k) => k.AttributeName);
    }
    action.key = spec.Key || Object.fromEntries(keySchemas[spec.TableName].map((n) => [n, spec.Item[n]]));
    const id = spec.TableName + JSON.stringify(keySchemas[spec.TableName].map((n) => action.key[n]));
    if (seen.has(id)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    reasons.push(await conditionHolds(server, headers, spec, action.key) ? { Code: 'None' }
      : { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' });
  }
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
  for (const action of actions) {
    const { TableName, Item, UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues } = action.spec;
    if (action.name === 'Put') {
      await call(server, headers, 'PutItem', { TableName, Item });
    } else if (action.name === 'Delete') {
      await call(server, headers, 'DeleteItem', { TableName, Key: action.key });
    } else if (action.name === 'Update') {
      await call(server, headers, 'UpdateItem', withUsed(
        { TableName, Key: action.key, UpdateExpression }, UpdateExpression, ExpressionAttributeNames,
        ExpressionAttributeValues));
    }
  }
  return {};
}

async function conditionHolds(server, headers, spec, key) {
  if (spec.ConditionExpression == null) return true;
  const condition = {
    ConditionExpression: spec.ConditionExpression,
    ExpressionAttributeNames: spec.ExpressionAttributeNames,
    ExpressionAttributeValues: spec.ExpressionAttributeValues,
  };
  if (spec.UpdateExpression != null) condition.UpdateExpression = spec.UpdateExpression;
  const invalid = validations.validateExpressions(condition);
  if (invalid) throw validationError(invalid);
  const current = await call(server, headers, 'GetItem', { TableName: spec.TableName, Key: key, ConsistentRead: true });
  return db.checkConditional(condition, current.Item) == null;
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

function call(server, headers, operation, payload) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port: server.address().port,
      method: 'POST',
      path: '/',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'Content-Length': Buffer.byteLength(body),
        'X-Amz-Target': PREFIX + operation,
        // dynalite checks that a request is signed, not the signature: the transaction's own headers do.
        Authorization: headers.authorization,
        'X-Amz-Date': headers['x-amz-date'],
        [INTERNAL]: internalToken,
      },
    }, (response) => {
      readBody(response).then((text) => {
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

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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
