package io.drover.mesos;

import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Drover's update uuids are UUID strings; Mesos's messages carry the 16 bytes. */
public final class MesosUuids {

  private static final int UUID_BYTES = 16;

  private MesosUuids() {
  }

  /** The 16 bytes of a UUID string (anything else as its UTF-8 bytes). */
  public static ByteString bytes(String uuid) {
    try {
      UUID parsed = UUID.fromString(uuid);
      return ByteString.copyFrom(ByteBuffer.allocate(UUID_BYTES).putLong(parsed.getMostSignificantBits())
        .putLong(parsed.getLeastSignificantBits()).array());
    } catch (IllegalArgumentException notAUuid) {
      return ByteString.copyFrom(uuid, StandardCharsets.UTF_8);
    }
  }

  /** A uuid from a Mesos message, back in Drover's form; empty when it is no UUID. */
  public static Optional<String> string(ByteString bytes) {
    if (bytes.size() != UUID_BYTES) {
      return Optional.empty();
    }
    ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
    return Optional.of(new UUID(buffer.getLong(), buffer.getLong()).toString());
  }
}
