package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void readsTheAgentFlagInOrder() {
    Attributes attributes = Attributes.parse("zone:a; rack:r1 ;level:2;slots:[1-4];tags:{x,y}");

    assertThat(attributes.get("rack")).contains("r1");
    assertThat(attributes.get("level")).contains("2");
    assertThat(attributes.get("slots")).contains("[1-4]");
    assertThat(attributes.get("os")).isEmpty();
    assertThat(attributes.asMap().keySet())
        .containsExactly("zone", "rack", "level", "slots", "tags");
    assertThat(attributes).hasToString("zone:a;rack:r1;level:2;slots:[1-4];tags:{x,y}");
  }

  @Test
  void printsWhatItReads() {
    assertThat(Attributes.parse("rack:r1;zone:a")).hasToString("rack:r1;zone:a");
    assertThat(Attributes.parse("")).isSameAs(Attributes.EMPTY).hasToString("");
    assertThat(Attributes.parse("host:a:b").get("host")).contains("a:b");
  }

  @Test
  void buildsFromAMap() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("zone", "a");
    values.put("rack", "r1");

    assertThat(Attributes.of(values)).hasToString("zone:a;rack:r1");
    assertThat(Attributes.of(values)).isEqualTo(Attributes.parse("rack:r1;zone:a"));
    assertThat(Attributes.of(Map.of())).isSameAs(Attributes.EMPTY);
    assertThatThrownBy(() -> Attributes.of(Map.of("rack", "r1;zone:a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBadTextNamingTheToken() {
    assertThatThrownBy(() -> Attributes.parse("rack"))
        .isInstanceOf(ResourceSyntaxException.class)
        .hasMessage("invalid attribute 'rack': expected name:value");
    assertThatThrownBy(() -> Attributes.parse("rack:r1;rack:r2"))
        .hasMessage("duplicate attribute 'rack'");
    assertThatThrownBy(() -> Attributes.parse("zone:a;rack:"))
        .hasMessage("invalid attribute 'rack:': empty value");
    assertThatThrownBy(() -> Attributes.parse(":r1"))
        .hasMessage("invalid attribute ':r1': empty name");
  }
}
