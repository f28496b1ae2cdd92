package io.drover.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

  @Test
  void theReadmeShowsTheHelpAsTheLauncherPrintsIt() throws Exception {
    assertThat(Files.readString(Path.of("..", "..", "README.md")))
      .as("README.md's Configuration section: paste 'drover --help' again").contains(Help.text());
  }
}
