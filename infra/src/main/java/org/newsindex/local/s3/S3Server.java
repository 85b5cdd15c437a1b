package org.newsindex.local.s3;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The local S3: S3Proxy embedded on 127.0.0.1 over an in-memory (or on-disk) jclouds blob store
 * that reports every object change, so uploads start functions as bucket notifications do. It
 * accepts requests signed with any access key and secret ({@link SignatureCheck} says what is still
 * checked).
 */
public final class S3Server implements AutoCloseable {
  /** As much as S3Proxy holds in memory to hash a signed payload when it checks signatures. */
  private static final int MAX_HASHED_PAYLOAD = 128 * 1024 * 1024;

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final BlobStore store;

  private S3Server(S3Proxy proxy, BlobStoreContext context, BlobStore store) {
    this.proxy = proxy;
    this.context = context;
    this.store = store;
  }

  /**
   * Starts S3Proxy behind the signature check, which accepts AWS signature v4 requests and
   * presigned URLs signed with any key pair.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param dataDirectory where objects are kept as files; empty keeps them in memory
   */
  public static S3Server start(
      int port, Optional<Path> dataDirectory, ObjectChangeListener listener) {
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
        ContextBuilder.newBuilder(provider).overrides(properties).buildView(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    // Without authentication S3Proxy leaves every signature to the handler put in front of it.
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new NotifyingBlobStore(store, listener))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .ignoreUnknownHeaders(true)
            .build();
    try {
      checkSignaturesInFrontOf(proxy);
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

  /**
   * Puts the signature check in front of S3Proxy's Jetty handler. S3Proxy offers no hook there and
   * keeps its server private, so it is reached by reflection; S3Proxy's own check cannot be used,
   * as it recomputes each signature with the one secret it knows.
   */
  private static void checkSignaturesInFrontOf(S3Proxy proxy) {
    Server server;
    try {
      Field field = S3Proxy.class.getDeclaredField("server");
      field.setAccessible(true);
      server = (Server) field.get(proxy);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          "this S3Proxy does not keep its Jetty server where S3Proxy 2.7.0 does: " + e, e);
    }
    SignatureCheckingHandler check =
        new SignatureCheckingHandler(new SignatureCheck(Clock.systemUTC()), MAX_HASHED_PAYLOAD);
    check.setHandler(server.getHandler());
    server.setHandler(check);
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
