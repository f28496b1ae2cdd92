package io.drover.mesos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mesos's RecordIO framing for event streams: each record is its length in bytes as decimal
 * digits, a newline, and the record ({@code 21\n{"type":"HEARTBEAT"}}).
 */
public final class RecordIo {

  private RecordIo() {
  }

  /** One record, framed. */
  public static byte[] frame(byte[] record) {
    byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = Arrays.copyOf(header, header.length + record.length);
    System.arraycopy(record, 0, framed, header.length, record.length);
    return framed;
  }

  /**
   * Reads records from a stream that arrives in pieces of any size; a client's side of
   * {@link #frame}. A length over {@code maxRecordBytes} or a header that is not digits fails.
   */
  public static final class Reader {
    private final long maxRecordBytes;
    private byte[] buffer = new byte[0];

    public Reader(long maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
    }

    /** Takes the next piece of the stream and returns the records it completed. */
    public List<byte[]> read(byte[] piece) {
      buffer = concat(buffer, piece);
      List<byte[]> records = new ArrayList<>();
      while (true) {
        int newline = indexOf(buffer, (byte) '\n');
        if (newline < 0) {
          check(buffer.length);
          return records;
        }
        long length = length(new String(buffer, 0, newline, StandardCharsets.US_ASCII));
        if (buffer.length - newline - 1 < length) {
          return records;
        }
        int end = newline + 1 + (int) length;
        records.add(Arrays.copyOfRange(buffer, newline + 1, end));
        buffer = Arrays.copyOfRange(buffer, end, buffer.length);
      }
    }

    private long length(String digits) {
      if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not a RecordIO length: '" + digits + "'");
      }
      long length = Long.parseLong(digits);
      if (length > maxRecordBytes) {
        throw new IllegalArgumentException("a record of " + length + " bytes is over the limit of " + maxRecordBytes);
      }
      return length;
    }

    private void check(int headerBytes) {
      if (headerBytes > 20) {
        throw new IllegalArgumentException("a RecordIO length of more than 20 characters");
      }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == wanted) {
          return i;
        }
      }
      return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] both = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      return both;
    }
  }
}
