package rightsize.cli;

import rightsize.config.RightsizeSettings;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;
import rightsize.report.ReportResult;
import rightsize.report.ReportSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Regenerates a run's report from record files alone (the rightsize config is read as a run reads
 * it: {@link RightsizeSettings#loadConfig()}).
 *
 * <pre>
 * rightsize.cli.ReportMain --run results/&lt;id&gt; [--baseline results/&lt;id2&gt;]
 *     [--records a.jsonl b.jsonl ...] [--gatling target/gatling/&lt;run&gt; ...]
 * </pre>
 */
public final class ReportMain {
  private static final String USAGE = "usage: ReportMain --run results/<id> [--baseline results/<id2>]"
      + " [--records a.jsonl b.jsonl ...] [--gatling target/gatling/<run> ...]";

  private ReportMain() {}

  public static void main(String[] args) {
    try {
      ReportResult r = run(args);
      System.out.println("wrote " + r.html() + ", " + r.markdown() + ", " + r.csv() + ", " + r.json());
      System.out.println("runs index: " + r.index());
      if (r.partial()) {
        System.out.println("PARTIAL: " + r.tradeoffs().partialNotice());
      }
      r.regressions().forEach(g -> System.out.println("REGRESSION: " + g.describe()));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /** Parses {@code args} and writes the report; throws IllegalArgumentException with a usage line on bad arguments. */
  public static ReportResult run(String[] args) {
    Path base = Path.of("").toAbsolutePath();
    ReportSettings settings =
        ReportSettings.fromConfig(RightsizeSettings.loadConfig().getConfig("rightsize"), base);
    String run = null;
    String baseline = null;
    List<Path> records = new ArrayList<>();
    List<Path> gatling = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--run" -> run = value(args, ++i);
        case "--baseline" -> baseline = value(args, ++i);
        case "--records" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            records.add(base.resolve(args[++i]));
          }
        }
        case "--gatling" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            gatling.add(base.resolve(args[++i]));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
      }
    }
    if (run == null) {
      throw new IllegalArgumentException("--run is missing; " + USAGE);
    }
    ReportRequest request = new ReportRequest(ReportSettings.resolveRun(run, base, settings.resultsDir()),
        records, gatling,
        baseline == null ? null : ReportSettings.resolveRun(baseline, base, settings.resultsDir()));
    return new ReportGenerator(settings).generate(request);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
    }
    return args[i];
  }
}
