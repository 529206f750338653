package com.clientele.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Build step (the reports module's {@code process-classes} phase, exec-maven-plugin): compiles every
 * template of {@link Templates#ALL} to a {@code .jasper} file next to its {@code .jrxml} in the classes
 * folder, so a report run loads compiled templates instead of compiling 19 of them (about a second each)
 * at run time. A {@code .jasper} newer than its {@code .jrxml} is kept.
 */
public final class TemplateCompiler {

  private TemplateCompiler() {}

  /** {@code args[0]}: the classes folder holding the copied {@code .jrxml} resources. */
  public static void main(String[] args) throws JRException, java.io.IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: TemplateCompiler <classes folder>");
    }
    Path classes = Path.of(args[0]);
    int compiled = 0;
    for (String template : Templates.ALL) {
      Path source = classes.resolve(template);
      Path target = classes.resolve(Templates.compiledName(template));
      if (!Files.isRegularFile(source)) {
        throw new IllegalStateException("report template not found: " + source);
      }
      if (Files.isRegularFile(target)
          && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) > 0) {
        continue;
      }
      JasperCompileManager.compileReportToFile(source.toString(), target.toString());
      compiled++;
    }
    System.out.println("report templates: " + compiled + " compiled, " + (Templates.ALL.size() - compiled)
        + " up to date in " + classes);
  }
}
