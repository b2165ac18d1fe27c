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
 * TransactWriteItems is not covered: dynalite has no transactions at all.
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
