package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The invocation context priming passes to a handler: the query function's timeout to work in, and
 * a logger that drops its lines, so that priming leaves nothing in the function's log or metrics.
 */
final class PrimingContext implements Context {
  /**
   * A request's time in priming: the query function's timeout in the template. Less would cut the
   * first requests short on a loaded machine, where loading the classes alone takes seconds, and
   * priming would stop as if the table did not answer.
   */
  private static final int TIMEOUT_MILLIS = 10_000;

  private static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };

  private final String function;

  /** When the invocation ends, in epoch milliseconds, or 0: each request gets the full timeout. */
  private final long endMillis;

  PrimingContext(String function) {
    this(function, 0);
  }

  private PrimingContext(String function, long endMillis) {
    this.function = function;
    this.endMillis = endMillis;
  }

  /** A context whose invocation ends at a fixed time, as Lambda's does (for tests of deadlines). */
  static PrimingContext endingAt(String function, long endMillis) {
    return new PrimingContext(function, endMillis);
  }

  @Override
  public String getAwsRequestId() {
    return "priming";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function;
  }

  @Override
  public String getLogStreamName() {
    return "priming";
  }

  @Override
  public String getFunctionName() {
    return function;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return endMillis == 0
        ? TIMEOUT_MILLIS
        : (int) Math.max(0, endMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return DISCARD;
  }
}
