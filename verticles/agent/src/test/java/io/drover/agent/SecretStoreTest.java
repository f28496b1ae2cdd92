package io.drover.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretStoreTest {

  @TempDir
  Path root;

  private SecretStore store() throws IOException {
    Path dir = Files.createDirectories(root.resolve("secrets/db"));
    Files.writeString(dir.resolve("password"), "s3cr3t\n");
    Files.writeString(root.resolve("outside"), "not yours");
    return new SecretStore(root.resolve("secrets").toString());
  }

  @Test
  void aSecretIsReadByItsNameInsideTheDirectoryWithOrWithoutALeadingSlash() throws IOException {
    assertThat(store().resolve(Map.of("DB_PASSWORD", "db/password", "AGAIN", "/db/password")))
      .containsExactlyInAnyOrderEntriesOf(Map.of("DB_PASSWORD", "s3cr3t\n", "AGAIN", "s3cr3t\n"));
  }

  @Test
  void whatCannotBeReadIsRefusedNamingTheVariableAndTheSecretButNotItsValue() throws IOException {
    SecretStore store = store();
    Files.createSymbolicLink(root.resolve("secrets/escape"), root.resolve("outside"));
    Files.write(root.resolve("secrets/binary"), new byte[] {(byte) 0xff, (byte) 0xfe});
    Files.write(root.resolve("secrets/huge"), new byte[SecretStore.MAX_BYTES + 1]);

    assertThatThrownBy(() -> store.resolve(Map.of("X", "db/missing")))
      .hasMessage("secret 'db/missing' of X: no such secret on this agent");
    assertThatThrownBy(() -> store.resolve(Map.of("X", "escape")))
      .hasMessage("secret 'escape' of X: not a file of the agent's secrets directory");
    assertThatThrownBy(() -> store.resolve(Map.of("X", "../outside"))).hasMessageContaining("without '..'");
    assertThatThrownBy(() -> store.resolve(Map.of("X", "db"))).hasMessageContaining("not a file");
    assertThatThrownBy(() -> store.resolve(Map.of("X", "binary"))).hasMessageContaining("not UTF-8 text");
    assertThatThrownBy(() -> store.resolve(Map.of("X", "huge"))).hasMessageContaining("larger than");
  }

  @Test
  void anAgentWithoutASecretsDirectorySaysHowToGiveItOne() {
    assertThatThrownBy(() -> new SecretStore(null).resolve(Map.of("X", "db/password")))
      .hasMessageContaining("start it with --secrets-dir");
    assertThat(new SecretStore(null).resolve(Map.of())).isEmpty();
  }
}
