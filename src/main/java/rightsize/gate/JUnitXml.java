package rightsize.gate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import rightsize.secret.ScrubbedFiles;

/**
 * Writes a {@link Verdict} as a JUnit XML report (the Ant/Surefire format that GitHub test
 * reporters and Azure Pipelines' PublishTestResults read): one test suite per check kind, one test
 * case per check, a {@code <failure>} for each failed one.
 */
public final class JUnitXml {
  /** The file name the gate writes into the run folder. */
  public static final String FILE_NAME = "gate-junit.xml";

  private JUnitXml() {}

  /** Writes {@code verdict} to {@code file}, replacing it. */
  public static void write(Verdict verdict, Path file) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "rightsize gate " + verdict.runId());
      xml.writeAttribute("tests", Integer.toString(verdict.checks().size()));
      xml.writeAttribute("failures", Integer.toString(verdict.failures().size()));
      xml.writeCharacters("\n");
      for (GateCheck.Kind kind : GateCheck.Kind.values()) {
        List<GateCheck> checks = verdict.checks().stream().filter(c -> c.kind() == kind).toList();
        if (!checks.isEmpty()) {
          writeSuite(xml, kind, checks);
        }
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
      ScrubbedFiles.writeString(file, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeSuite(XMLStreamWriter xml, GateCheck.Kind kind, List<GateCheck> checks)
      throws XMLStreamException {
    long failures = checks.stream().filter(GateCheck::failed).count();
    long skipped = checks.stream().filter(GateCheck::inconclusive).count();
    xml.writeCharacters("  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", "rightsize.gate." + kind.name().toLowerCase());
    xml.writeAttribute("tests", Integer.toString(checks.size()));
    xml.writeAttribute("failures", Long.toString(failures));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", Long.toString(skipped));
    xml.writeAttribute("time", "0");
    xml.writeCharacters("\n");
    for (GateCheck check : checks) {
      xml.writeCharacters("    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", check.group());
      xml.writeAttribute("name", check.name());
      xml.writeAttribute("time", "0");
      if (check.passed()) {
        xml.writeStartElement("system-out");
        xml.writeCharacters(check.detail());
        xml.writeEndElement();
      } else if (check.inconclusive()) {
        // Skipped: neither a pass nor a failure on a CI dashboard.
        xml.writeStartElement("skipped");
        xml.writeAttribute("message", check.detail());
        xml.writeEndElement();
      } else {
        xml.writeStartElement("failure");
        xml.writeAttribute("type", kind.exitCode().name().toLowerCase());
        xml.writeAttribute("message", check.detail());
        xml.writeCharacters(check.detail());
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
    }
    xml.writeCharacters("  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }
}
