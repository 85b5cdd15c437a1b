package org.newsindex.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Where a function's code is, from its {@code CodeUri} (relative to the template's directory):
 *
 * <ul>
 *   <li>a {@code .jar} file is used as it is;
 *   <li>a directory holding a Maven module means the deployable jar that module builds, {@code
 *       <dir>/target/<artifactId>.jar} (for {@code CodeUri: functions} that is {@code
 *       functions/target/newsindex-functions.jar}, the shade plugin's output).
 * </ul>
 */
public final class CodeLocation {
  private CodeLocation() {}

  public static Path jar(Path templateDirectory, String codeUri) {
    Path location = templateDirectory.resolve(codeUri).normalize();
    Path jar = location;
    if (!codeUri.endsWith(".jar")) {
      Path pom = location.resolve("pom.xml");
      if (!Files.isRegularFile(pom)) {
        throw new FunctionLoadException(
            "CodeUri " + codeUri + " is neither a .jar nor a Maven module (no " + pom + ")");
      }
      jar = location.resolve("target").resolve(artifactId(pom) + ".jar");
    }
    if (!Files.isRegularFile(jar)) {
      throw new FunctionLoadException(
          "the code of CodeUri "
              + codeUri
              + " is not built: "
              + jar
              + " is missing (run `mvn package`)");
    }
    return jar;
  }

  private static String artifactId(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Element project = builder.parse(pom.toFile()).getDocumentElement();
      for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
        if ("artifactId".equals(child.getNodeName())) {
          return child.getTextContent().trim();
        }
      }
      throw new FunctionLoadException(pom + " has no artifactId");
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new FunctionLoadException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }
}
