package io.jingzhun.common;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * Rows of a {@link Lineage} cut as Spark's binary rows ({@code UnsafeRow}), packed end to end in one array:
 * each row is its length (8 bytes, so that every row stays aligned as Spark lays it out) and then its bytes.
 * A block holds no references, so the collector never looks inside it, and a row is read back by pointing
 * a view at its bytes, without decoding.
 */
final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A block fills up to about this many bytes: few arrays per partition, each below the half region at
   * which G1 treats an array as humongous (regions are 1 MiB or more).
   */
  static final int TARGET_BYTES = 512 * 1024;

  private static final int LENGTH_BYTES = 8;

  private final byte[] bytes;
  private final int used;
  private final int rows;

  private RowBlock(byte[] bytes, int used, int rows) {
    this.bytes = bytes;
    this.used = used;
    this.rows = rows;
  }

  int rows() {
    return rows;
  }

  /** Bytes the rows take, lengths included. */
  long used() {
    return used;
  }

  /** Packs a partition's rows into blocks, one block at a time as the blocks are read. */
  static Iterator<RowBlock> pack(Iterator<InternalRow> rows, StructType schema) {
    UnsafeProjection toBinary = UnsafeProjection.create(schema);
    return new Iterator<>() {
      /** A row read that did not fit in the last block: a copy, as the source may reuse its row. */
      private UnsafeRow pending;

      @Override
      public boolean hasNext() {
        return pending != null || rows.hasNext();
      }

      @Override
      public RowBlock next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no rows left to pack");
        }
        byte[] buffer = null;
        int used = 0;
        int count = 0;
        while (pending != null || rows.hasNext()) {
          UnsafeRow row = pending != null ? pending : binary(rows.next());
          pending = null;
          int needed = LENGTH_BYTES + row.getSizeInBytes();
          if (buffer == null) {
            buffer = new byte[Math.max(TARGET_BYTES, needed)];
          } else if (used + needed > buffer.length) {
            pending = row.copy();
            break;
          }
          Platform.putLong(buffer, Platform.BYTE_ARRAY_OFFSET + used, row.getSizeInBytes());
          row.writeToMemory(buffer, Platform.BYTE_ARRAY_OFFSET + used + LENGTH_BYTES);
          used += needed;
          count++;
        }
        // a partition's last block is often far from full: keep only what it holds
        if (buffer.length - used > buffer.length / 8) {
          buffer = Arrays.copyOf(buffer, used);
        }
        return new RowBlock(buffer, used, count);
      }

      private UnsafeRow binary(InternalRow row) {
        return row instanceof UnsafeRow binary ? binary : toBinary.apply(row);
      }
    };
  }

  /**
   * The rows of a partition's blocks. Like Spark's own scans, it gives the same row object each time,
   * pointed at the next row's bytes: whoever keeps a row copies it.
   */
  static Iterator<InternalRow> unpack(Iterator<RowBlock> blocks, int fields) {
    UnsafeRow row = new UnsafeRow(fields);
    return new Iterator<>() {
      private RowBlock block;
      private int offset;

      @Override
      public boolean hasNext() {
        while (block == null || offset >= block.used) {
          if (!blocks.hasNext()) {
            return false;
          }
          block = blocks.next();
          offset = 0;
        }
        return true;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no rows left in the cut's partition");
        }
        long at = Platform.BYTE_ARRAY_OFFSET + offset;
        int size = (int) Platform.getLong(block.bytes, at);
        row.pointTo(block.bytes, at + LENGTH_BYTES, size);
        offset += LENGTH_BYTES + size;
        return row;
      }
    };
  }
}
