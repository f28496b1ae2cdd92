package io.drover.agent.executor;

import com.github.dockerjava.api.model.AuthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerPullConfigTest {

  private static final String SECRET = "registry/config";

  private static String auth(String userAndPassword) {
    return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static String config(String auths) {
    return "{\"auths\":{" + auths + "}}";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "busybox                                | docker.io",
    "drover/busybox:latest                  | docker.io",
    "docker.io/library/busybox              | docker.io",
    "127.0.0.1:5000/drover/private:1        | 127.0.0.1:5000",
    "registry.example/team/app@sha256:abc   | registry.example",
    "localhost/app                          | localhost",
    "Registry/app                           | Registry",
  })
  void anImagesRegistryIsItsFirstPartWhenThatLooksLikeAHostElseDockerHub(String image, String registry) {
    assertThat(DockerPullConfig.registryOf(image)).isEqualTo(registry);
  }

  @Test
  void theEntryOfTheImagesRegistryIsPickedAndItsAuthDecoded() {
    String config = config("\"other.example\":{\"auth\":\"" + auth("eve:no") + "\"},"
      + "\"127.0.0.1:5000\":{\"auth\":\"" + auth("alice:pa:ss") + "\"}");

    AuthConfig auth = DockerPullConfig.credentials(config, "127.0.0.1:5000/drover/private:1", SECRET);

    assertThat(auth.getRegistryAddress()).isEqualTo("127.0.0.1:5000");
    assertThat(auth.getUsername()).isEqualTo("alice");
    // a password may hold colons: only the first one separates
    assertThat(auth.getPassword()).isEqualTo("pa:ss");
  }

  @Test
  void usernameAndPasswordFieldsServeAsWellAsAuth() {
    AuthConfig auth = DockerPullConfig.credentials(
      config("\"registry.example\":{\"username\":\"bob\",\"password\":\"pw\"}"), "registry.example/app", SECRET);

    assertThat(auth.getUsername()).isEqualTo("bob");
    assertThat(auth.getPassword()).isEqualTo("pw");
  }

  @Test
  void keysWrittenAsUrlsMatchByHostAndDockerHubGoesByItsNames() {
    AuthConfig hub = DockerPullConfig.credentials(
      config("\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("carol:pw") + "\"}"), "drover/busybox", SECRET);
    AuthConfig private_ = DockerPullConfig.credentials(
      config("\"http://127.0.0.1:5000/v2/\":{\"auth\":\"" + auth("dan:pw") + "\"}"), "127.0.0.1:5000/app", SECRET);

    assertThat(hub.getUsername()).isEqualTo("carol");
    assertThat(hub.getRegistryAddress()).isEqualTo(AuthConfig.DEFAULT_SERVER_ADDRESS);
    assertThat(private_.getUsername()).isEqualTo("dan");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "hunter2                                                        | not a Docker config.json",
    "[\"hunter2\"]                                                  | not a Docker config.json",
    "{\"auths\":{\"other.example\":{\"auth\":\"aHVudGVyMg==\"}}}    | has no entry for registry 127.0.0.1:5000",
    "{\"credsStore\":\"hunter2\"}                                   | has no entry for registry 127.0.0.1:5000",
    "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"hunter2!\"}}}       | is not the base64 of user:password",
    "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"aHVudGVyMg==\"}}}   | is not the base64 of user:password",
    "{\"auths\":{\"127.0.0.1:5000\":{\"username\":\"hunter2\"}}}    | has neither \"auth\" nor \"username\" and \"password\"",
  })
  void whatCannotBeUsedIsRefusedNamingTheSecretButNotWhatItHolds(String config, String problem) {
    assertThatThrownBy(() -> DockerPullConfig.credentials(config, "127.0.0.1:5000/app:1", SECRET))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageStartingWith("pull config 'registry/config' of image 127.0.0.1:5000/app:1: ")
      .hasMessageContaining(problem)
      // aHVudGVyMg== is the base64 of hunter2
      .message().doesNotContain("hunter2").doesNotContain("aHVudGVyMg");
  }
}
