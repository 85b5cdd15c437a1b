package org.newsindex.local.lambda;

import java.net.URI;

/**
 * The local endpoints, region and credentials that functions are told about in their environment.
 */
public record LocalServices(
    String region,
    URI dynamoDbEndpoint,
    URI s3Endpoint,
    String accessKeyId,
    String secretAccessKey) {}
