package org.newsindex.local.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The local S3: S3Proxy embedded on 127.0.0.1 over an in-memory (or on-disk) jclouds blob store
 * that reports every object change, so uploads start functions as bucket notifications do.
 */
public final class S3Server implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final BlobStore store;

  private S3Server(S3Proxy proxy, BlobStoreContext context, BlobStore store) {
    this.proxy = proxy;
    this.context = context;
    this.store = store;
  }

  /**
   * Starts S3Proxy, which then accepts AWS signature v2 and v4 requests signed with the given keys.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param dataDirectory where objects are kept as files; empty keeps them in memory
   */
  public static S3Server start(
      int port,
      Optional<Path> dataDirectory,
      String accessKeyId,
      String secretAccessKey,
      ObjectChangeListener listener) {
    Properties properties = new Properties();
    String provider = "transient";
    if (dataDirectory.isPresent()) {
      provider = "filesystem";
      try {
        Files.createDirectories(dataDirectory.get());
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot create " + dataDirectory.get() + ": " + e.getMessage(), e);
      }
      properties.setProperty(
          "jclouds.filesystem.basedir", dataDirectory.get().toAbsolutePath().toString());
    }
    BlobStoreContext context =
        ContextBuilder.newBuilder(provider)
            .credentials(accessKeyId, secretAccessKey)
            .overrides(properties)
            .buildView(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new NotifyingBlobStore(store, listener))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState())) {
          throw new IllegalStateException("S3Proxy failed to start");
        }
        Thread.sleep(5);
      }
    } catch (Exception e) {
      context.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "cannot start the local S3 on port " + port + ": " + e.getMessage(), e);
    }
    return new S3Server(proxy, context, store);
  }

  public int port() {
    return proxy.getPort();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Creates a bucket unless it exists; no event is sent, as S3 sends none for buckets. */
  public void createBucket(String name) {
    store.createContainerInLocation(null, name);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the local S3: " + e.getMessage(), e);
    } finally {
      context.close();
    }
  }
}
