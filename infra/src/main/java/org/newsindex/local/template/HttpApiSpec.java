package org.newsindex.local.template;

/**
 * An HTTP API the template declares (or SAM's implicit one): its id (what {@code Ref} gives) and
 * the stage it is deployed to.
 */
public record HttpApiSpec(String logicalId, String id, String stageName) {
  public static final String DEFAULT_STAGE = "$default";

  /** The logical id SAM gives the HTTP API it creates when events name none. */
  public static final String IMPLICIT_API = "ServerlessHttpApi";

  /** True for the {@code $default} stage, which is served at the root rather than under /stage. */
  public boolean isDefaultStage() {
    return stageName.equals(DEFAULT_STAGE);
  }
}
