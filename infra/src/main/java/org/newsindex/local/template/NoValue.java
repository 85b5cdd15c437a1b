package org.newsindex.local.template;

/** The result of {@code Ref AWS::NoValue}: the property or list item it stands in is removed. */
enum NoValue {
  INSTANCE
}
