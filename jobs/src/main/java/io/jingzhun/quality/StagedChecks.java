package io.jingzhun.quality;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.quality.QualityGate.Evaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;

/**
 * Tonight's check of the staged tables, kept so that the output gate before a publish commit need not
 * check the same staged tables again. It is reused only while its fingerprint holds: the same staged
 * files (names, sizes, modification times), the same staged rule files and reference lists. Anything
 * else (a re-ingest, an edited rule) makes the gate check the staged tables again.
 */
final class StagedChecks {
  private static final String FILE = "staged_checks.json";

  private StagedChecks() {}

  /** The saved check and what it was made on. */
  record Saved(String fingerprint, Evaluation evaluation) {}

  static void save(HadoopFiles files, Warehouse warehouse, LocalDate runDate, Evaluation staged, String fingerprint) {
    try {
      files.writeString(location(warehouse, runDate), mapper().writeValueAsString(new Saved(fingerprint, staged)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot save the check of the staged tables", e);
    }
  }

  /** The saved check of the run date, when there is one made on exactly the current staged tables and rules. */
  static Optional<Evaluation> load(HadoopFiles files, Warehouse warehouse, LocalDate runDate, String fingerprint) {
    String at = location(warehouse, runDate);
    if (!files.exists(at)) {
      return Optional.empty();
    }
    try {
      Saved saved = mapper().readValue(files.readString(at), Saved.class);
      return fingerprint.equals(saved.fingerprint()) ? Optional.of(saved.evaluation()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable (e.g. from an older version): check again rather than trust it
    }
  }

  /** A digest of the staged partitions' file listings and of the rules and reference lists that judged them. */
  static String fingerprint(HadoopFiles files, Warehouse warehouse, LocalDate runDate, List<RuleFile> stagedFiles,
      ReferenceLists refs) {
    StringBuilder sb = new StringBuilder();
    for (RuleFile f : stagedFiles) {
      sb.append(f).append('\n');
      String partition = warehouse.partition(Layer.STAGED, f.table(), runDate);
      for (FileStatus s : files.list(partition)) {
        sb.append(s.getPath().getName()).append(' ').append(s.getLen()).append(' ')
            .append(s.getModificationTime()).append('\n');
      }
    }
    sb.append(refs);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static String location(Warehouse warehouse, LocalDate runDate) {
    return warehouse.partition(Layer.QUALITY, "staged_checks", runDate) + "/" + FILE;
  }

  /** JSON of the quality gate's records, dates as ISO text (the report and the saved staged check). */
  static ObjectMapper mapper() {
    SimpleModule dates = new SimpleModule()
        .addSerializer(new StdSerializer<>(LocalDate.class) {
          @Override
          public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
          }
        })
        .addDeserializer(LocalDate.class, new StdDeserializer<>(LocalDate.class) {
          @Override
          public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return LocalDate.parse(p.getValueAsString());
          }
        });
    return new ObjectMapper().registerModule(dates).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
