package rightsize.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the headless Chromium of the machine (Debian package "chromium") on local files. */
final class Chromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private final Path executable;
  private final Path scratch;

  /** What one page load printed: the serialized DOM and the page's console lines. */
  record Page(String dom, List<String> consoleLines) {}

  private Chromium(Path executable, Path scratch) {
    this.executable = executable;
    this.scratch = scratch;
  }

  /** The first Chromium on the PATH, if any; {@code scratch} holds its profile and outputs. */
  static Optional<Chromium> find(Path scratch) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new Chromium(candidate, scratch));
        }
      }
    }
    return Optional.empty();
  }

  /** Loads {@code html} and returns its DOM after load and every console message it logged. */
  Page dumpDom(Path html) throws IOException, InterruptedException {
    Path out = scratch.resolve("dom-" + System.nanoTime() + ".html");
    Path err = scratch.resolve("stderr-" + System.nanoTime() + ".txt");
    run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()), out, err);
    List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(":CONSOLE"))
        .toList();
    return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
  }

  /** Renders {@code html} into a PNG of {@code width} x {@code height} CSS pixels. */
  void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), html.toUri().toString()),
        scratch.resolve("screenshot-out.txt"), scratch.resolve("screenshot-err.txt"));
  }

  private void run(List<String> args, Path out, Path err) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + scratch.resolve("profile")));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 90 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
    }
  }
}
