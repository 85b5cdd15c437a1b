package org.newsindex.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.newsindex.local.testhandlers.EchoHandler;

/** How the tests build the small test project (the real one: {@link ProjectLayout#find()}). */
public final class TestProjects {
  private TestProjects() {}

  /**
   * Lays out the test stack in a directory: its template.yaml and handlers.jar, a complete
   * deployable jar made of the test handlers and Lambda's core interfaces (nothing else).
   */
  public static Path testTemplate(Path directory) throws IOException, URISyntaxException {
    try (InputStream template =
        TestProjects.class.getResourceAsStream("/test-project/template.yaml")) {
      Files.copy(template, directory.resolve("template.yaml"));
    }
    Path classes =
        Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path handlers = classes.resolve("org/newsindex/local/testhandlers");
    Path lambdaCore =
        Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream file = Files.newOutputStream(directory.resolve("handlers.jar"));
        JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> handlerClasses = Files.list(handlers);
        JarFile core = new JarFile(lambdaCore.toFile())) {
      for (Path handler : handlerClasses.toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(handler).toString().replace('\\', '/')));
        Files.copy(handler, jar);
        jar.closeEntry();
      }
      for (Enumeration<JarEntry> entries = core.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith("com/amazonaws/services/lambda/runtime/")
            && entry.getName().endsWith(".class")) {
          jar.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = core.getInputStream(entry)) {
            in.transferTo(jar);
          }
          jar.closeEntry();
        }
      }
    }
    return directory.resolve("template.yaml");
  }
}
