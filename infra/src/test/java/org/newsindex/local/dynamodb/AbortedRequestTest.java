package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection in the middle of a request body (a timed-out or cancelled
 * call) loses only that request: the local DynamoDB goes on serving everyone else, as DynamoDB
 * does.
 */
class AbortedRequestTest {
  private static LocalDynamoDb local;

  @BeforeAll
  static void start() {
    local = LocalDynamoDb.start();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void requestsAbandonedMidBodyLeaveTheServerServingOthers() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Socket socket = new Socket("127.0.0.1", local.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST / HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"Limit\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(50);
        socket.setSoLinger(true, 0); // a reset, as a client's timeout sends
      }
    }
    Thread.sleep(200);
    List<String> tables = local.client().listTables().tableNames();
    assertTrue(tables.contains(LocalDynamoDb.TABLE), "tables after aborted requests: " + tables);
  }
}
