package org.newsindex.local.s3;

import java.util.ArrayList;
import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A blob store that reports each successful create and delete to a listener: the source of the
 * local S3 event notifications. S3Proxy calls it for every request that changes an object.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
  private final ObjectChangeListener listener;

  NotifyingBlobStore(BlobStore delegate, ObjectChangeListener listener) {
    super(delegate);
    this.listener = listener;
  }

  /** S3Proxy uses this overload only for browser form uploads, which S3 reports as Post. */
  @Override
  public String putBlob(String container, Blob blob) {
    String eTag = super.putBlob(container, blob);
    created(container, blob.getMetadata().getName(), "Post", eTag);
    return eTag;
  }

  @Override
  public String putBlob(String container, Blob blob, PutOptions options) {
    String eTag = super.putBlob(container, blob, options);
    created(container, blob.getMetadata().getName(), "Put", eTag);
    return eTag;
  }

  @Override
  public String copyBlob(
      String fromContainer,
      String fromName,
      String toContainer,
      String toName,
      CopyOptions options) {
    String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
    created(toContainer, toName, "Copy", eTag);
    return eTag;
  }

  @Override
  public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
    String eTag = super.completeMultipartUpload(upload, parts);
    created(upload.containerName(), upload.blobName(), "CompleteMultipartUpload", eTag);
    return eTag;
  }

  @Override
  public void removeBlob(String container, String name) {
    boolean existed = delegate().blobExists(container, name);
    super.removeBlob(container, name);
    if (existed) {
      listener.changed(ObjectChange.removed(container, name));
    }
  }

  @Override
  public void removeBlobs(String container, Iterable<String> names) {
    List<String> existing = new ArrayList<>();
    for (String name : names) {
      if (delegate().blobExists(container, name)) {
        existing.add(name);
      }
    }
    super.removeBlobs(container, names);
    existing.forEach(name -> listener.changed(ObjectChange.removed(container, name)));
  }

  private void created(String container, String name, String how, String eTag) {
    BlobMetadata metadata = delegate().blobMetadata(container, name);
    long size = metadata == null || metadata.getSize() == null ? 0 : metadata.getSize();
    String tag = eTag != null ? eTag : metadata == null ? "" : metadata.getETag();
    listener.changed(ObjectChange.created(container, name, how, size, tag));
  }
}
