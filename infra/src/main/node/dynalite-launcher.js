'use strict';
// Starts dynalite for the newsindex local cloud and ties its life to the parent JVM.
//
// Usage: node dynalite-launcher.js <port> [<leveldb-dir>]
//   port 0 picks a free port. Without a directory the data lives in memory.
// Prints "DYNALITE_LISTENING <port>" once the server accepts connections. Exits when its
// stdin closes, which happens when the parent process ends in any way, even on SIGKILL.
// dynalite runs behind strict-dynamodb.js, which makes it refuse what DynamoDB refuses.

const dynalite = require('dynalite');
const strictDynamoDb = require('./strict-dynamodb');

const port = Number.parseInt(process.argv[2] || '0', 10);
const path = process.argv[3];

strictDynamoDb.install();
const server = dynalite({ createTableMs: 50, deleteTableMs: 50, updateTableMs: 50, path });
survivesAbortedRequests(server);

// dynalite throws from a request's 'error' listener, so one client that closes its connection
// while sending a body (a request timeout, an aborted call) would end the process for everyone.
// DynamoDB drops such a request and serves the others; so does the local one.
function survivesAbortedRequests(httpServer) {
  const handlers = httpServer.listeners('request');
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req, res) => {
    const on = req.on;
    req.on = function (event, listener) {
      if (event !== 'error') return on.call(this, event, listener);
      return on.call(this, event, () => res.destroy());
    };
    for (const handler of handlers) handler.call(httpServer, req, res);
  });
}

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  // Give LevelDB a moment to close cleanly, but never hang on idle keep-alive connections.
  setTimeout(() => process.exit(code), 1500).unref();
  server.close(() => process.exit(code));
}

server.on('error', (err) => {
  console.error(`dynalite failed: ${err.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`DYNALITE_LISTENING ${server.address().port}`);
});

process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
