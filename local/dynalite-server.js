// Starts dynalite (a DynamoDB-compatible server on LevelDB) for the local Task API stack.
// Usage: node dynalite-server.js <port, 0 for a free one> [data directory; in memory when absent]
// Prints "dynalite listening on http://127.0.0.1:<port>" once it accepts connections, and exits when its
// standard input closes: the JVM holds that pipe, so this child dies with it even on kill -9.
'use strict';

const dynalite = require('dynalite');

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
