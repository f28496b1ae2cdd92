package io.drover.marathon.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a request body into a JSON object or array, or an {@link InvalidJsonException} a client can read. */
final class JsonBody {

  /** Deeper bodies are refused before parsing; Marathon's own documents nest less than ten levels. */
  static final int MAX_DEPTH = 32;

  private JsonBody() {
  }

  static Object parse(Buffer body) {
    String text = decodeUtf8(body == null ? new byte[0] : body.getBytes());
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new InvalidJsonException("The request body is empty; expected a JSON object or array");
    }
    checkDepth(text);
    Object value = decode(text);
    if (value instanceof JsonObject || value instanceof JsonArray) {
      return value;
    }
    throw new InvalidJsonException("Expected a JSON object or array at the top level of the request body");
  }

  private static String decodeUtf8(byte[] bytes) {
    // Jackson and new String(...) would replace bad bytes with U+FFFD and let a corrupted body through
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidJsonException("The request body is not valid UTF-8 (at byte " + in.position() + ")");
    }
  }

  /** Counts brackets outside strings, so a body of 100,000 '[' is refused without recursing into it. */
  private static void checkDepth(String text) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
        if (depth > MAX_DEPTH) {
          throw new InvalidJsonException("The request body nests JSON deeper than " + MAX_DEPTH + " levels");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }

  private static Object decode(String text) {
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new InvalidJsonException(describe(e));
    }
  }

  private static String describe(DecodeException e) {
    if (!(e.getCause() instanceof JsonProcessingException cause)) {
      // Vert.x's own checks, such as a second value after the first, carry plain messages
      return "Invalid JSON: " + firstLine(e.getMessage());
    }
    String problem = firstLine(cause.getOriginalMessage());
    JsonLocation at = cause.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    if (problem.startsWith("Unexpected end-of-input")) {
      return "Invalid JSON: the body ends before the JSON value is complete" + where;
    }
    return "Invalid JSON" + where + ": " + problem;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    // Jackson appends where a bracket started, with a "[Source: ...]" note that means nothing to a client
    int source = line.indexOf("[Source:");
    int note = source < 0 ? -1 : line.lastIndexOf(" (", source);
    return note < 0 ? line : line.substring(0, note);
  }
}
