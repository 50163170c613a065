package io.jingzhun.quality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a local HTML file in Debian's headless Chromium: a screenshot and the browser's log. */
final class HeadlessChromium {
  /** The browser's exit code and its log (console messages appear as lines with ":CONSOLE"). */
  record Render(int exitCode, List<String> log) {
    List<String> consoleMessages() {
      return log.stream().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  private HeadlessChromium() {}

  static String binary() {
    for (String b : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        if (Files.isExecutable(Path.of(dir, b))) {
          return Path.of(dir, b).toString();
        }
      }
    }
    throw new AssertionError("headless Chromium not found: install Debian's chromium (bin/test does)");
  }

  static Render screenshot(Path html, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    Path log = Files.createTempFile("chromium", ".log");
    List<String> cmd = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--window-size=1280,2600", "--enable-logging=stderr", "--v=0",
        "--screenshot=" + png.toAbsolutePath(), html.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish within 120 s");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Render(p.exitValue(), lines);
  }
}
