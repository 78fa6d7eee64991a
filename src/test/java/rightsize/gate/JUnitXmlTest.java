package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlTest {
  @TempDir Path dir;

  @Test
  void writesOneSuitePerKindAndOneTestCasePerCheckWithFailures() throws Exception {
    Verdict verdict =
        new Verdict(
            "night-2",
            List.of(
                GateCheck.pass(GateCheck.Kind.RUN, "run", "requests recorded", "220 requests"),
                GateCheck.pass(GateCheck.Kind.SLO, "F4", "10 users SLO", "met"),
                GateCheck.fail(GateCheck.Kind.SLO, "F2", "10 users SLO", "p95 ttft 2431 ms > 2000 ms"),
                GateCheck.fail(
                    GateCheck.Kind.REGRESSION, "F2", "10 users p95 e2e", "9.9 s vs 8 s (+24% > +10%) <&\"'>")),
            List.of());
    Path file = dir.resolve(JUnitXml.FILE_NAME);

    JUnitXml.write(verdict, file);

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("4");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(3);
    Element slo = (Element) suites.item(1);
    assertThat(slo.getAttribute("name")).isEqualTo("rightsize.gate.slo");
    assertThat(slo.getAttribute("tests")).isEqualTo("2");
    assertThat(slo.getAttribute("failures")).isEqualTo("1");

    NodeList cases = root.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    Element failedSlo = (Element) cases.item(2);
    assertThat(failedSlo.getAttribute("classname")).isEqualTo("F2");
    assertThat(failedSlo.getAttribute("name")).isEqualTo("10 users SLO");
    Element failure = (Element) failedSlo.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("slo_failed");
    assertThat(failure.getAttribute("message")).isEqualTo("p95 ttft 2431 ms > 2000 ms");

    Element regression = (Element) cases.item(3);
    assertThat(regression.getElementsByTagName("failure").item(0).getTextContent())
        .isEqualTo("9.9 s vs 8 s (+24% > +10%) <&\"'>");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }
}
