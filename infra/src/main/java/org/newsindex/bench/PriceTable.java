package org.newsindex.bench;

/**
 * AWS on-demand prices the cost model uses, in US dollars, in one place: us-east-1 list prices as
 * published in 2025 (DynamoDB on-demand after its November 2024 reduction; Lambda on arm64; HTTP
 * API's first 300 million requests a month; S3 Standard). Change them here if yours differ.
 */
public record PriceTable(
    double dynamoDbPerMillionReadUnits,
    double dynamoDbPerMillionWriteUnits,
    double lambdaPerGbSecond,
    double lambdaPerMillionRequests,
    double httpApiPerMillionRequests,
    double s3PerThousandGets) {

  public static final PriceTable US_EAST_1 =
      new PriceTable(0.125, 0.625, 0.0000133334, 0.20, 1.00, 0.0004);
}
