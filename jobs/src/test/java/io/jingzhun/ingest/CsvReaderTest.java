package io.jingzhun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvRecord> read(String text) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(new StringReader(text))) {
      CsvRecord rec;
      while ((rec = r.next()) != null) {
        out.add(rec);
      }
    }
    return out;
  }

  @Test
  void quotedFieldsWithCommasQuotesAndLineBreaksKeepLineNumbersAndText() throws IOException {
    List<CsvRecord> recs = read("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n2,\"two\nlines\",4\r\n5,6,7\r\n");
    assertThat(recs).hasSize(4);
    assertThat(recs.get(1).fields()).containsExactly("1", "x, \"y\"", "3");
    assertThat(recs.get(1).raw()).isEqualTo("1,\"x, \"\"y\"\"\",3");
    assertThat(recs.get(2).fields()).containsExactly("2", "two\nlines", "4");
    assertThat(recs.get(2).line()).isEqualTo(3);
    assertThat(recs.get(2).raw()).isEqualTo("2,\"two\nlines\",4");
    assertThat(recs.get(3).line()).as("the record after a two-line record starts on line 5").isEqualTo(5);
    assertThat(recs).allMatch(CsvRecord::terminated);
  }

  @Test
  void emptyFieldsAndBlankLines() throws IOException {
    List<CsvRecord> recs = read("a,b\n,\n\n1,\"\"\n");
    assertThat(recs.get(1).fields()).containsExactly("", "");
    assertThat(recs.get(2).blank()).isTrue();
    assertThat(recs.get(3).fields()).containsExactly("1", "");
    assertThat(recs.get(3).line()).isEqualTo(4);
  }

  @Test
  void lastRecordWithoutLineBreakAndOpenQuoteAreReported() throws IOException {
    List<CsvRecord> complete = read("a,b\n1,2");
    assertThat(complete.get(1).terminated()).isFalse();
    assertThat(complete.get(1).fields()).containsExactly("1", "2");
    List<CsvRecord> open = read("a,b\n1,\"unfinished\n");
    assertThat(open.get(1).openQuote()).isTrue();
  }

  @Test
  void quotesInsideUnquotedFieldsAreText() throws IOException {
    assertThat(read("5\"7,x\n").get(0).fields()).containsExactly("5\"7", "x");
  }

  @Test
  void carriageReturnAloneEndsALine() throws IOException {
    List<CsvRecord> recs = read("a,b\r1,2\r");
    assertThat(recs).hasSize(2);
    assertThat(recs.get(1).line()).isEqualTo(2);
  }
}
