package org.newsindex.local.s3;

import java.util.List;
import org.newsindex.local.lambda.AsyncEventTarget;
import org.newsindex.local.template.S3EventSpec;

/**
 * Turns object changes into S3 event notifications for every function whose template S3 event
 * matches the bucket, the event type and the key filter, as S3's bucket notification does.
 */
public final class S3EventRouter implements ObjectChangeListener {
  private final List<S3EventSpec> sources;
  private final String region;
  private final AsyncEventTarget target;
  private final Sequencer sequencer = new Sequencer();
  private volatile boolean paused;

  public S3EventRouter(List<S3EventSpec> sources, String region, AsyncEventTarget target) {
    this.sources = List.copyOf(sources);
    this.region = region;
    this.target = target;
  }

  /**
   * Turns the bucket notifications off (changes made meanwhile send no event, as on a bucket with
   * no notification configuration) or back on.
   */
  public void pause(boolean off) {
    paused = off;
  }

  @Override
  public void changed(ObjectChange change) {
    String sequence = sequencer.next();
    if (paused) {
      return;
    }
    for (S3EventSpec source : sources) {
      if (source.matches(change.bucket(), change.eventName(), change.key())) {
        String json = S3EventMessage.json(change, source.eventLogicalId(), region, sequence);
        String description =
            "s3 "
                + source.eventLogicalId()
                + " "
                + change.eventName()
                + " "
                + change.bucket()
                + "/"
                + change.key();
        target.deliver(source.functionLogicalId(), json, description);
      }
    }
  }
}
