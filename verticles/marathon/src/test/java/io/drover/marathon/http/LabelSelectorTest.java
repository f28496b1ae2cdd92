package io.drover.marathon.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {

  static final Map<String, String> WEB = Map.of("tier", "web", "owner", "zeus");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "tier                    | true",
    "!tier                   | false",
    "!colour                 | true",
    "tier==web               | true",
    "tier==db                | false",
    "tier!=db                | true",
    "colour!=red             | false",
    "tier in (web, db)       | true",
    "tier in (db)            | false",
    "tier notin (db,cache)   | true",
    "tier notin (web)        | false",
    "tier==web,owner==zeus   | true",
    "tier==web,owner==hera   | false",
    "tier in (db,web),owner  | true",
  })
  void termsMatchAsMarathonsDo(String selector, boolean matches) {
    assertThat(LabelSelector.parse(selector).matches(WEB)).isEqualTo(matches);
  }

  @Test
  void aTermThatIsNoneOfTheFormsIsABadRequest() {
    assertThatThrownBy(() -> LabelSelector.parse("bad===")).isInstanceOf(ApiException.class)
      .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
  }
}
