package io.drover.common.security;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

  static final String OPERATOR = "operator-token-0123456789";
  static final String READER = "reader-token-0123456789";

  @TempDir
  Path dir;

  @Test
  void anOperatorTokenMayDoEverythingAReadOnlyOneOnlyRead() {
    Credentials credentials = Credentials.of(OPERATOR, READER);
    assertThat(credentials.check(OPERATOR)).contains(Credentials.Access.OPERATOR);
    assertThat(credentials.check(READER)).contains(Credentials.Access.READ_ONLY);
    assertThat(credentials.check(OPERATOR.substring(0, OPERATOR.length() - 1) + "8")).isEmpty();
    assertThat(credentials.check(OPERATOR + " ")).isEmpty();
    assertThat(credentials.check("")).isEmpty();
    assertThat(credentials.check(null)).isEmpty();
  }

  @Test
  void withoutATokenNothingIsChecked() {
    Credentials none = Credentials.from(new JsonObject(), Map.of());
    assertThat(none.enabled()).isFalse();
    assertThat(none.check(OPERATOR)).isEqualTo(Optional.empty());
  }

  @Test
  void aFileWinsOverTheEnvironmentAndIsTrimmed() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "  " + OPERATOR + "\n");
    Credentials credentials = Credentials.from(new JsonObject().put("tokenFile", file.toString()),
      Map.of(Credentials.TOKEN_ENV, "environment-token-0123456789", Credentials.READ_TOKEN_ENV, READER));
    assertThat(credentials.check(OPERATOR)).contains(Credentials.Access.OPERATOR);
    assertThat(credentials.check("environment-token-0123456789")).isEmpty();
    assertThat(credentials.check(READER)).contains(Credentials.Access.READ_ONLY);
  }

  @Test
  void weakMissingAndLoneReadOnlyTokensAreRefusedByName() throws Exception {
    assertThatThrownBy(() -> Credentials.from(new JsonObject(), Map.of(Credentials.TOKEN_ENV, "secret")))
      .hasMessageContaining("shorter than 16");
    assertThatThrownBy(() -> Credentials.from(new JsonObject().put("tokenFile", dir.resolve("none").toString()),
      Map.of())).hasMessageContaining("cannot read the token file");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> Credentials.from(new JsonObject().put("tokenFile", empty.toString()), Map.of()))
      .hasMessageContaining("is empty");
    assertThatThrownBy(() -> Credentials.of(null, READER)).hasMessageContaining("needs an operator token");
  }

  @Test
  void generatedTokensAreLongAndDiffer() {
    String one = Credentials.generate();
    assertThat(one).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(Credentials.generate()).isNotEqualTo(one);
    assertThat(Credentials.of(one, null).toString()).doesNotContain(one);
  }
}
