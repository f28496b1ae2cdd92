package io.drover.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The two bodies Mesos's v1 HTTP APIs speak. JSON is printed by {@link MesosJson} and parsed by
 * protobuf's {@code JsonFormat}, which takes 64-bit numbers as numbers or strings.
 */
public enum MediaType {
  JSON("application/json"),
  PROTOBUF("application/x-protobuf");

  // Mesos's own JSON parser skips fields it does not know, so clients of newer Mesos versions work;
  // both parsers refuse nesting deeper than 100, before it can exhaust the stack
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Parser STRICT_PARSER = JsonFormat.parser();

  public final String value;

  MediaType(String value) {
    this.value = value;
  }

  /**
   * The type an answer is to be in, as an {@code Accept} header asks: JSON when it allows any (or is
   * missing), as Mesos answers; empty when it allows neither.
   */
  public static Optional<MediaType> accepted(String accept) {
    return accept == null || accept.contains("*/*") ? Optional.of(JSON) : of(accept);
  }

  /** The type a {@code Content-Type} or {@code Accept} header names (parameters and case ignored); null for none. */
  public static Optional<MediaType> of(String header) {
    if (header == null) {
      return Optional.empty();
    }
    for (String part : header.split(",")) {
      String type = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
      for (MediaType known : values()) {
        if (known.value.equals(type)) {
          return Optional.of(known);
        }
      }
    }
    return Optional.empty();
  }

  public byte[] encode(Message message) {
    return this == PROTOBUF ? message.toByteArray() : MesosJson.print(message).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@code body} into {@code builder}, as Mesos does (unknown JSON fields skipped). */
  public <B extends Message.Builder> B decode(byte[] body, B builder) throws InvalidProtocolBufferException {
    return decode(body, builder, PARSER);
  }

  /** Parses {@code body}, failing on a field the message does not have: for tests that hold Drover to Mesos's shapes. */
  public <B extends Message.Builder> B decodeStrictly(byte[] body, B builder) throws InvalidProtocolBufferException {
    return decode(body, builder, STRICT_PARSER);
  }

  private <B extends Message.Builder> B decode(byte[] body, B builder, JsonFormat.Parser parser)
    throws InvalidProtocolBufferException {
    if (this == PROTOBUF) {
      builder.mergeFrom(body);
    } else {
      parser.merge(new String(body, StandardCharsets.UTF_8), builder);
    }
    return builder;
  }
}
