package org.newsindex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.newsindex.index.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What no query can beat on this machine: one DynamoDB GetItem from the benchmark's process, and
 * one API call that reads nothing from DynamoDB ({@code GET /openapi.json}: HTTP, the local API and
 * a function invocation). A query costs one API call plus two or three rounds of reads.
 */
final class FloorMeasurement {
  /** The two floors' medians. */
  record Result(double getItemP50Ms, double apiCallP50Ms) {}

  private FloorMeasurement() {}

  static Result measure(DynamoDbClient dynamoDb, String table, URI api, int samples)
      throws Exception {
    Latencies getItem = new Latencies();
    for (int i = 0; i < samples; i++) {
      long started = System.nanoTime();
      dynamoDb.getItem(b -> b.tableName(table).key(TableKeys.counter("ordinal").toMap()));
      getItem.add((System.nanoTime() - started) / 1e6);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(api.resolve("/openapi.json")).build();
    Latencies apiCall = new Latencies();
    for (int i = 0; i < samples; i++) {
      long started = System.nanoTime();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      apiCall.add((System.nanoTime() - started) / 1e6);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /openapi.json answered " + response.statusCode());
      }
    }
    return new Result(getItem.p50(), apiCall.p50());
  }
}
