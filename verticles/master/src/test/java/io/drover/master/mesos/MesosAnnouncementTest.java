package io.drover.master.mesos;

import io.drover.mesos.MediaType;
import io.drover.protocol.LeaderInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MesosAnnouncementTest {

  @Test
  void describesTheLeaderAsMesosDoes() throws Exception {
    MasterInfo info = MesosAnnouncement.masterInfo(new LeaderInfo("m-1", "127.0.0.1", 5050, 3, 0));
    // what a detector reads back, field for field, with Mesos's own classes
    MasterInfo read = MediaType.JSON.decodeStrictly(MediaType.JSON.encode(info), MasterInfo.newBuilder()).build();
    assertThat(read.getId()).isEqualTo("m-1");
    assertThat(read.getIp()).isEqualTo(16777343);
    assertThat(read.getPort()).isEqualTo(5050);
    assertThat(read.getPid()).isEqualTo("master@127.0.0.1:5050");
    assertThat(read.getVersion()).isEqualTo("1.11.0");
    assertThat(read.getAddress().getIp()).isEqualTo("127.0.0.1");
    assertThat(read.getAddress().getHostname()).isEqualTo("127.0.0.1");
  }

  @Test
  void writesTheIpAsTheRawInAddrReadLittleEndian() {
    assertThat(MesosAnnouncement.mesosIp("10.0.2.15")).isEqualTo(0x0F02000A);
    assertThat(MesosAnnouncement.mesosIp("192.168.1.1")).isEqualTo(0x0101A8C0);
  }
}
