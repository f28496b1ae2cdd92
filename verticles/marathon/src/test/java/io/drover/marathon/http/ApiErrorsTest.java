package io.drover.marathon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.core.Refusal;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

  @Test
  void everyReasonToRefuseHasMarathonsStatus() {
    Map<Refusal.Reason, Integer> statuses = Arrays.stream(Refusal.Reason.values())
      .collect(Collectors.toMap(r -> r, ApiErrors::status));

    assertThat(statuses).isEqualTo(Map.of(
      Refusal.Reason.UNKNOWN, 404,
      Refusal.Reason.ID_TAKEN, 409,
      Refusal.Reason.LOCKED, 409,
      Refusal.Reason.CHANGE_TOO_LARGE, 413,
      Refusal.Reason.DEPENDENCY_CYCLE, 422,
      Refusal.Reason.NO_SERVICE_PORT, 422,
      Refusal.Reason.INVALID_ROLE, 422));
  }
}
