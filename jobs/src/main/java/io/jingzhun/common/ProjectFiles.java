package io.jingzhun.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the project's data files ({@code schemas/}, {@code conf/}): under the project home when there
 * is one (so analysts edit them in place), else inside the jar (so a spark-submit on a cluster carries
 * them). The home is {@code -Djingzhun.home}, then {@code $JINGZHUN_HOME}, then the working directory.
 */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path home() {
    String home = System.getProperty("jingzhun.home");
    if (home == null || home.isBlank()) {
      home = System.getenv("JINGZHUN_HOME");
    }
    return Paths.get(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /** Reads a project file such as {@code schemas/extracts/households.json} as UTF-8 text. */
  public static String read(String relativePath) {
    Path onDisk = home().resolve(relativePath);
    try {
      if (Files.isRegularFile(onDisk)) {
        return Files.readString(onDisk, StandardCharsets.UTF_8);
      }
      try (InputStream in = ProjectFiles.class.getClassLoader().getResourceAsStream(relativePath)) {
        if (in == null) {
          throw new IllegalArgumentException(
              "project file " + relativePath + " not found under " + home() + " nor in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read project file " + onDisk, e);
    }
  }

  /** True when the file exists under the home or in the jar. */
  public static boolean exists(String relativePath) {
    return Files.isRegularFile(home().resolve(relativePath))
        || ProjectFiles.class.getClassLoader().getResource(relativePath) != null;
  }
}
