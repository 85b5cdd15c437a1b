package org.newsindex.analysis;

import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeReflector;

/** The implementation Lucene's attribute factory finds for {@link SurfaceAttribute} by its name. */
public final class SurfaceAttributeImpl extends AttributeImpl implements SurfaceAttribute {
  private String surface = "";

  @Override
  public String surface() {
    return surface;
  }

  @Override
  public void setSurface(String surface) {
    this.surface = surface;
  }

  @Override
  public void clear() {
    surface = "";
  }

  @Override
  public void reflectWith(AttributeReflector reflector) {
    reflector.reflect(SurfaceAttribute.class, "surface", surface);
  }

  @Override
  public void copyTo(AttributeImpl target) {
    ((SurfaceAttribute) target).setSurface(surface);
  }
}
