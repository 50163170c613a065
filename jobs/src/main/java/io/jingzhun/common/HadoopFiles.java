package io.jingzhun.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;

/**
 * Small file operations on Hadoop paths ({@code file:}, {@code s3a:}): never {@code java.io.File},
 * so that object storage is configuration. No renames are relied on for atomicity (S3 copies).
 */
public final class HadoopFiles {
  private final Configuration conf;

  public HadoopFiles(Configuration conf) {
    this.conf = conf;
  }

  public static HadoopFiles of(SparkSession spark) {
    return new HadoopFiles(spark.sparkContext().hadoopConfiguration());
  }

  public Configuration conf() {
    return conf;
  }

  public FileSystem fs(String uri) {
    try {
      return new Path(uri).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + uri, e);
    }
  }

  public boolean exists(String uri) {
    try {
      return fs(uri).exists(new Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + uri, e);
    }
  }

  public String readString(String uri) {
    try (InputStream in = fs(uri).open(new Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    }
  }

  /** Writes (replacing) a small UTF-8 file. On S3 the object appears whole or not at all. */
  public void writeString(String uri, String content) {
    try (OutputStream out = fs(uri).create(new Path(uri), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri, e);
    }
  }

  public void delete(String uri) {
    try {
      fs(uri).delete(new Path(uri), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uri, e);
    }
  }

  /**
   * Rows of a Parquet table folder (its data files, not hidden or {@code _}-prefixed ones), summed from
   * the files' footers: no Spark job, and it counts what was written rather than what was meant to be.
   */
  public long parquetRows(String folderUri) {
    long rows = 0;
    for (FileStatus f : list(folderUri)) {
      String name = f.getPath().getName();
      if (!f.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
        rows += reader.getRecordCount();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Parquet footer of " + f.getPath(), e);
      }
    }
    return rows;
  }

  /** The direct children of a folder (files and folders), sorted by name; empty when it is missing. */
  public List<FileStatus> list(String uri) {
    try {
      FileSystem fs = fs(uri);
      Path p = new Path(uri);
      if (!fs.exists(p)) {
        return List.of();
      }
      List<FileStatus> out = new ArrayList<>(List.of(fs.listStatus(p)));
      out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + uri, e);
    }
  }
}
