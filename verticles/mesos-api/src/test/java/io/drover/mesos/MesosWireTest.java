package io.drover.mesos;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MesosWireTest {

  private static final Event OFFERS = Event.newBuilder().setType(Event.Type.OFFERS)
    .setOffers(Event.Offers.newBuilder().addOffers(Offer.newBuilder()
      .setId(OfferID.newBuilder().setValue("o-1"))
      .setFrameworkId(FrameworkID.newBuilder().setValue("f-1"))
      .setAgentId(AgentID.newBuilder().setValue("a-1"))
      .setHostname("host-1")
      .addResources(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(15)))
      .addResources(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000))))))
    .build();

  @Test
  void printsAsMesosDoes() {
    String json = MesosJson.print(OFFERS);
    assertThat(json).isEqualTo("{\"type\":\"OFFERS\",\"offers\":{\"offers\":[{\"id\":{\"value\":\"o-1\"},"
      + "\"framework_id\":{\"value\":\"f-1\"},\"agent_id\":{\"value\":\"a-1\"},\"hostname\":\"host-1\","
      + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":15.0}},"
      + "{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":31000,\"end\":32000}]}}]}]}}");
  }

  @Test
  void printsBytesInBase64AndReadsBackWhatItPrints() throws Exception {
    Event update = Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
      .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_RUNNING)
        .setUuid(ByteString.copyFrom(new byte[] {1, 2, 3})).setTimestamp(1.5))).build();
    String json = MesosJson.print(update);
    assertThat(json).contains("\"uuid\":\"AQID\"").contains("\"timestamp\":1.5").contains("\"state\":\"TASK_RUNNING\"");
    for (MediaType type : MediaType.values()) {
      assertThat(type.decodeStrictly(type.encode(update), Event.newBuilder()).build()).isEqualTo(update);
    }
    assertThat(MediaType.JSON.decodeStrictly(MediaType.JSON.encode(OFFERS), Event.newBuilder()).build()).isEqualTo(OFFERS);
  }

  @Test
  void printsAMapAsAnObjectAndReadsBackWhatItPrints() throws Exception {
    QuotaConfig config = QuotaConfig.newBuilder().setRole("db")
      .putGuarantees("cpus", Value.Scalar.newBuilder().setValue(2).build())
      .putLimits("mem", Value.Scalar.newBuilder().setValue(1024).build()).build();

    String json = MesosJson.print(config);
    assertThat(json).isEqualTo("{\"role\":\"db\",\"guarantees\":{\"cpus\":{\"value\":2.0}},"
      + "\"limits\":{\"mem\":{\"value\":1024.0}}}");
    assertThat(MediaType.JSON.decodeStrictly(json.getBytes(StandardCharsets.UTF_8), QuotaConfig.newBuilder()).build())
      .isEqualTo(config);
  }

  @Test
  void readsASubscribeCallAsMesosDocumentsIt() throws Exception {
    String subscribe = """
      {"type": "SUBSCRIBE", "subscribe": {"framework_info": {"user": "foo", "name": "Example HTTP Framework",
       "roles": ["test"], "capabilities": [{"type": "MULTI_ROLE"}]}}, "a_field_of_a_newer_mesos": 1}""";
    Call call = MediaType.JSON.decode(subscribe.getBytes(StandardCharsets.UTF_8), Call.newBuilder()).build();
    assertThat(call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(call.getSubscribe().getFrameworkInfo().getName()).isEqualTo("Example HTTP Framework");
    assertThatThrownBy(() -> MediaType.JSON.decodeStrictly(subscribe.getBytes(StandardCharsets.UTF_8), Call.newBuilder()))
      .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("a_field_of_a_newer_mesos");
  }

  @Test
  void refusesJsonNestedDeeperThanAnyMessage() {
    String deep = "{\"type\":\"SUBSCRIBE\",\"subscribe\":" + "{\"framework_info\":".repeat(5000) + "{}" + "}".repeat(5001);
    assertThatThrownBy(() -> MediaType.JSON.decode(deep.getBytes(StandardCharsets.UTF_8), Call.newBuilder()))
      .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void namesTheTypeOfContentTypeAndAcceptHeaders() {
    assertThat(MediaType.of("application/json; charset=utf-8")).contains(MediaType.JSON);
    assertThat(MediaType.of("text/html, APPLICATION/X-PROTOBUF;q=0.9")).contains(MediaType.PROTOBUF);
    assertThat(MediaType.of("text/plain")).isEmpty();
    assertThat(MediaType.of(null)).isEmpty();
  }

  @Test
  void framesRecordsThatArriveInAnyPieces() {
    byte[] first = "{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8);
    byte[] second = MediaType.PROTOBUF.encode(OFFERS);
    byte[] stream = concat(RecordIo.frame(first), RecordIo.frame(second));
    assertThat(new String(RecordIo.frame(first), StandardCharsets.UTF_8)).isEqualTo("20\n{\"type\":\"HEARTBEAT\"}");
    for (int piece = 1; piece <= stream.length; piece += 7) {
      RecordIo.Reader reader = new RecordIo.Reader(1 << 20);
      List<byte[]> records = new ArrayList<>();
      for (int at = 0; at < stream.length; at += piece) {
        records.addAll(reader.read(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + piece))));
      }
      assertThat(records).containsExactly(first, second);
    }
  }

  @Test
  void refusesBrokenOrOversizedRecordHeaders() {
    assertThatThrownBy(() -> new RecordIo.Reader(100).read("12a\n".getBytes(StandardCharsets.US_ASCII)))
      .hasMessageContaining("not a RecordIO length");
    assertThatThrownBy(() -> new RecordIo.Reader(100).read("101\n".getBytes(StandardCharsets.US_ASCII)))
      .hasMessageContaining("over the limit of 100");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
