package io.drover.master.mesos;

import com.google.protobuf.ByteString;
import io.drover.mesos.MediaType;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerCallCheckTest {

  private static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("fw").build();

  @Test
  void aSubscriptionNeedsItsFrameworkInfo() {
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setType(Call.Type.SUBSCRIBE).build()))
      .isEqualTo("Expecting 'subscribe' to be present");
    assertThat(SchedulerCallCheck.problem(subscribe(FrameworkInfo.newBuilder().setUser("u").setName("n")).build()))
      .isNull();
  }

  @Test
  void aSubscriptionNamesOneFramework() {
    Call call = subscribe(FrameworkInfo.newBuilder().setUser("u").setName("n")
      .setId(FrameworkID.newBuilder().setValue("other"))).setFrameworkId(FRAMEWORK).build();
    assertThat(SchedulerCallCheck.problem(call)).isEqualTo("'framework_id' differs from 'subscribe.framework_info.id'");
  }

  @Test
  void aRequiredFieldMissingIsNamed() throws Exception {
    // FrameworkInfo's user and name are required in Mesos's proto2 messages; JSON's parser names the
    // missing field itself, a protobuf body is parsed partially and checked here
    Call partial = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
      .setFrameworkInfo(FrameworkInfo.newBuilder().setName("n").buildPartial()).buildPartial()).buildPartial();
    Call call = MediaType.PROTOBUF.decode(partial.toByteArray(), Call.newBuilder()).buildPartial();
    assertThat(SchedulerCallCheck.problem(call)).startsWith("Not initialized: ").contains("user");
    assertThatThrownBy(() -> MediaType.JSON.decode(
      "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"n\"}}}".getBytes(), Call.newBuilder()))
      .hasMessageContaining("user");
  }

  @Test
  void everyOtherCallNamesItsFrameworkAndCarriesItsBody() {
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setType(Call.Type.REVIVE).build()))
      .isEqualTo("Expecting 'framework_id' to be present");
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(FRAMEWORK).build()))
      .isNull();
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(FRAMEWORK).build()))
      .isEqualTo("Expecting 'kill' to be present");
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setFrameworkId(FRAMEWORK).build()))
      .isEqualTo("Expecting 'type' to be present");
  }

  @Test
  void anAcknowledgementNeedsAUuid() {
    Call.Acknowledge.Builder ack = Call.Acknowledge.newBuilder()
      .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("a"))
      .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("t"))
      .setUuid(ByteString.copyFromUtf8("not-16"));
    assertThat(SchedulerCallCheck.problem(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(FRAMEWORK)
      .setAcknowledge(ack).build())).isEqualTo("'acknowledge.uuid' is not a valid UUID");
  }

  private static Call.Builder subscribe(FrameworkInfo.Builder info) {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
  }
}
