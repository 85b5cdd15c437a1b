package org.newsindex.local.s3;

import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A request the local S3 refuses for its signature, with the status, code, message and extra
 * elements S3 answers it with (e.g. 400 {@code AuthorizationHeaderMalformed}).
 */
final class SignatureRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Map<String, String> details;

  /**
   * @param details the elements S3 adds after the message, e.g. {@code HeadersNotSigned}: names and
   *     values alternating, in the order S3 writes them
   */
  SignatureRefusedException(int status, String code, String message, String... details) {
    super(message);
    if (details.length % 2 != 0) {
      throw new IllegalArgumentException("a detail without a value: " + details.length);
    }
    this.status = status;
    this.code = code;
    this.details = new LinkedHashMap<>();
    for (int i = 0; i < details.length; i += 2) {
      this.details.put(details[i], details[i + 1]);
    }
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, String> details() {
    return Collections.unmodifiableMap(details);
  }

  /** The response body S3 sends: its XML error document. */
  String xml(String requestId) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
      xml.writeStartElement("Error");
      element(xml, "Code", code);
      element(xml, "Message", getMessage());
      for (Map.Entry<String, String> detail : details.entrySet()) {
        element(xml, detail.getKey(), detail.getValue());
      }
      element(xml, "RequestId", requestId);
      xml.writeEndElement();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write an S3 error document: " + e.getMessage(), e);
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text;
  }

  private static void element(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }
}
