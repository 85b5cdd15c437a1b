package org.newsindex.local.s3;

import java.util.Optional;

/**
 * A request the signature check let through: who signed it, if anyone, and the SHA-256 of the
 * payload the signature covers, when it names one, which the body must still match.
 */
record AcceptedSignature(Optional<String> accessKeyId, Optional<String> payloadSha256) {
  /** A request that carries no signature, as S3 takes it: a CORS preflight. */
  static AcceptedSignature unsigned() {
    return new AcceptedSignature(Optional.empty(), Optional.empty());
  }
}
