package io.drover.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {

  private static String rejection(Buffer body) {
    try {
      AppJson.parseBody(body);
    } catch (InvalidJsonException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + body);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''                | The request body is empty; expected a JSON object or array",
    "'   \n '          | The request body is empty; expected a JSON object or array",
    "{\"id\":          | Invalid JSON: the body ends before the JSON value is complete at line 1, column 7",
    "[1,2              | Invalid JSON: the body ends before the JSON value is complete at line 1, column 5",
    "{id:1}            | Invalid JSON at line 1, column 2: Unexpected character ('i' (code 105)): was expecting double-quote to start field name",
    "{} {}             | Invalid JSON: Unexpected trailing token",
    "\"text\"          | Expected a JSON object or array at the top level of the request body",
    "42                | Expected a JSON object or array at the top level of the request body",
    "null              | Expected a JSON object or array at the top level of the request body",
  })
  void badBodiesGetAClearMessage(String body, String message) {
    assertThat(rejection(Buffer.buffer(body))).isEqualTo(message);
  }

  @Test
  void invalidUtf8IsRejectedNotReplaced() {
    Buffer body = Buffer.buffer("{\"id\":\"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).appendString("\"}");

    assertThat(rejection(body)).isEqualTo("The request body is not valid UTF-8 (at byte 7)");
  }

  @Test
  void deepNestingIsRefusedBeforeParsing() {
    assertThat(rejection(Buffer.buffer("[".repeat(100_000))))
      .isEqualTo("The request body nests JSON deeper than 32 levels");
    assertThat(rejection(Buffer.buffer("[".repeat(33) + "]".repeat(33))))
      .isEqualTo("The request body nests JSON deeper than 32 levels");
    assertThat(AppJson.parseBody(Buffer.buffer("[".repeat(32) + "]".repeat(32)))).isInstanceOf(JsonArray.class);
  }

  @Test
  void bracketsInsideStringsDoNotCount() {
    String deepText = "\"" + "[{".repeat(100) + "\\\"\"";

    assertThat(AppJson.parseBody(Buffer.buffer("{\"cmd\":" + deepText + "}"))).isInstanceOf(JsonObject.class);
  }

  @Test
  void objectsAndArraysAreReturnedAndAByteOrderMarkIsSkipped() {
    assertThat(AppJson.parseBody(Buffer.buffer("\uFEFF{\"id\":\"/a\"}"))).isEqualTo(new JsonObject().put("id", "/a"));
    assertThat(AppJson.parseBody(Buffer.buffer("[{}]"))).isEqualTo(new JsonArray().add(new JsonObject()));
  }

  @Test
  void messagesNeverNameJavaClasses() {
    for (String body : new String[] {"{", "{]", "[1,]", "{\"a\" 1}", "tru", "[\"\\x\"]", "{\"a\":1}}"}) {
      assertThatThrownBy(() -> AppJson.parseBody(Buffer.buffer(body)))
        .isInstanceOf(InvalidJsonException.class)
        .message().doesNotContain("Exception", "com.fasterxml", "io.vertx", "Source:", "\n");
    }
  }
}
