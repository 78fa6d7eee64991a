package rightsize.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The capability packages under {@code rightsize} depend on each other one way only, as the data
 * flows (config, client, records, analysis, report...): a cycle means a change in one package can
 * force a change in a package it feeds.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "rightsize");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?rightsize\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void noTwoPackagesDependOnEachOther() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).containsKeys("config", "client", "record", "analysis", "report", "sizing");
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        if (reachable(uses, to).contains(from)) {
          cycles.add(from + " -> " + to + " -> ... -> " + from);
        }
      }
    }
    assertThat(cycles).as("package cycles; dependencies: %s", uses).isEmpty();
  }

  @Test
  void theRecordSchemaDependsOnNoOtherPackage() throws IOException {
    assertThat(dependencies().get("record")).isEmpty();
  }

  /** Top-level package under rightsize -> the top-level packages its main classes import. */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        String pkg = relative.getName(0).toString();
        Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            targets.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      for (String next : uses.getOrDefault(todo.pop(), Set.of())) {
        if (seen.add(next)) {
          todo.push(next);
        }
      }
    }
    return seen;
  }
}
