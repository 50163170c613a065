package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RowBlockTest {
  private static final StructType SCHEMA = new StructType()
      .add("person_no", DataTypes.LongType)
      .add("name", DataTypes.StringType, true);

  /** Rows as a source gives them: one row object, reused (here not even binary). */
  private static Iterator<InternalRow> source(List<Object[]> values) {
    GenericInternalRow row = new GenericInternalRow(2);
    Iterator<Object[]> each = values.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return each.hasNext();
      }

      @Override
      public InternalRow next() {
        Object[] v = each.next();
        row.update(0, v[0]);
        row.update(1, v[1] == null ? null : UTF8String.fromString((String) v[1]));
        return row;
      }
    };
  }

  private static List<Object[]> read(Iterator<InternalRow> rows) {
    List<Object[]> out = new ArrayList<>();
    rows.forEachRemaining(r -> out.add(
        new Object[] {r.getLong(0), r.isNullAt(1) ? null : r.getUTF8String(1).toString()}));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T throughDisk(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void rowsComeBackInOrderAcrossBlocksWhateverTheirSize() throws Exception {
    List<Object[]> values = new ArrayList<>();
    for (long i = 0; i < 40_000; i++) {
      String name = i % 9 == 0 ? null : "户主" + i;
      if (i == 17_000) {
        name = "长".repeat(RowBlock.TARGET_BYTES); // one row larger than a block
      }
      values.add(new Object[] {i, name});
    }
    List<RowBlock> blocks = new ArrayList<>();
    RowBlock.pack(source(values), SCHEMA).forEachRemaining(blocks::add);
    assertThat(blocks).hasSizeGreaterThan(3);
    assertThat(blocks.stream().mapToLong(RowBlock::rows).sum()).isEqualTo(40_000);
    // blocks spilled to disk are serialized and read back
    List<RowBlock> spilled = throughDisk(new ArrayList<>(blocks));
    for (List<RowBlock> kept : List.of(blocks, spilled)) {
      List<Object[]> back = read(RowBlock.unpack(kept.iterator(), 2));
      assertThat(back).hasSize(values.size());
      for (int i = 0; i < values.size(); i++) {
        assertThat(back.get(i)).as("row %d", i).containsExactly(values.get(i));
      }
    }
  }

  @Test
  void binaryRowsArePackedAsTheyAreAndAnEmptyPartitionHasNoBlocks() {
    UnsafeProjection toBinary = UnsafeProjection.create(SCHEMA);
    List<InternalRow> binary = new ArrayList<>();
    for (long i = 0; i < 3; i++) {
      binary.add(toBinary.apply(new GenericInternalRow(new Object[] {i, UTF8String.fromString("n" + i)})).copy());
    }
    List<RowBlock> blocks = new ArrayList<>();
    RowBlock.pack(binary.iterator(), SCHEMA).forEachRemaining(blocks::add);
    assertThat(blocks).hasSize(1);
    long lengthsAndRows = binary.stream().mapToLong(r -> 8 + ((UnsafeRow) r).getSizeInBytes()).sum();
    assertThat(blocks.get(0).used()).isEqualTo(lengthsAndRows);
    assertThat(read(RowBlock.unpack(blocks.iterator(), 2))).extracting(r -> r[1]).containsExactly("n0", "n1", "n2");
    assertThat(RowBlock.pack(List.<InternalRow>of().iterator(), SCHEMA).hasNext()).isFalse();
    assertThat(RowBlock.unpack(List.<RowBlock>of().iterator(), 2).hasNext()).isFalse();
  }
}
