package org.newsindex.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a million queries and a million ingested articles cost on AWS on-demand pricing, from what
 * the benchmark measured: DynamoDB read and write units, Lambda time at the template's memory,
 * Lambda and HTTP API requests, S3 GETs.
 */
final class CostModel {
  private final PriceTable prices;

  CostModel(PriceTable prices) {
    this.prices = prices;
  }

  /**
   * A million queries, each reading {@code readUnits} read units and taking {@code lambdaMs} of
   * function time at {@code memoryMb}.
   */
  Map<String, Double> perMillionQueries(double readUnits, double lambdaMs, int memoryMb) {
    double dynamoDb = readUnits * prices.dynamoDbPerMillionReadUnits();
    double compute = gbSeconds(lambdaMs, memoryMb) * 1e6 * prices.lambdaPerGbSecond();
    double requests = prices.lambdaPerMillionRequests() + prices.httpApiPerMillionRequests();
    return breakdown(dynamoDb, compute, requests, 0);
  }

  /**
   * A million articles, each costing the measured write units, invocations, Lambda time and two S3
   * GETs.
   */
  Map<String, Double> perMillionArticles(
      double writeUnits, double readUnits, double invocations, double lambdaMs, int memoryMb) {
    double dynamoDb =
        writeUnits * prices.dynamoDbPerMillionWriteUnits()
            + readUnits * prices.dynamoDbPerMillionReadUnits();
    double compute = gbSeconds(lambdaMs, memoryMb) * 1e6 * prices.lambdaPerGbSecond();
    double requests = invocations * prices.lambdaPerMillionRequests();
    double s3 = 2 * 1e6 / 1000 * prices.s3PerThousandGets();
    return breakdown(dynamoDb, compute, requests, s3);
  }

  private static double gbSeconds(double millis, int memoryMb) {
    return Math.ceil(millis) / 1000.0 * memoryMb / 1024.0;
  }

  private static Map<String, Double> breakdown(
      double dynamoDb, double compute, double requests, double s3) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("dynamodb_usd", round(dynamoDb));
    m.put("lambda_compute_usd", round(compute));
    m.put("requests_usd", round(requests));
    m.put("s3_usd", round(s3));
    m.put("total_usd", round(dynamoDb + compute + requests + s3));
    return m;
  }

  private static double round(double usd) {
    return Math.round(usd * 100) / 100.0;
  }
}
