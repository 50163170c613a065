package io.jingzhun.ingest;

import java.util.Locale;

/** The formats departments deliver, told apart by file extension. */
public enum FileFormat {
  CSV(".csv"),
  JSONL(".jsonl"),
  PARQUET(".parquet");

  private final String extension;

  FileFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** The format of a file name, or null when its extension is not one we read. */
  static FileFormat ofFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (FileFormat f : values()) {
      if (lower.endsWith(f.extension)) {
        return f;
      }
    }
    return null;
  }
}
