package org.newsindex.local.template;

/** An S3 bucket the template declares: its logical id and its (local) name. */
public record BucketSpec(String logicalId, String name) {}
