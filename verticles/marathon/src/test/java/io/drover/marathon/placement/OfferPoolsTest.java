package io.drover.marathon.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OfferPoolsTest {

  /** An offer for role db: cpus:1;mem:256 for anyone, cpus:2;mem:512 reserved for db. */
  private static OfferPools dbOffer() {
    return new OfferPools(Resources.parse("cpus:3;mem:768"), Resources.parse("cpus:2;mem:512"), "db");
  }

  private static AppDefinition app(String fields) {
    return AppJson.readApp(new JsonObject("{\"id\":\"/a\",\"cmd\":\"sleep 1\"" + fields + "}"), PathId.ROOT);
  }

  @Test
  void anAppUsesThePoolsItsAcceptedRolesName() {
    assertThat(dbOffer().usableBy(app(",\"role\":\"db\",\"acceptedResourceRoles\":[\"db\"]"), "db"))
      .isEqualTo(Resources.parse("cpus:2;mem:512"));
    assertThat(dbOffer().usableBy(app(",\"role\":\"db\",\"acceptedResourceRoles\":[\"*\"]"), "db"))
      .isEqualTo(Resources.parse("cpus:1;mem:256"));
    assertThat(dbOffer().usableBy(app(",\"role\":\"db\""), "db")).isEqualTo(Resources.parse("cpus:3;mem:768"));
    // an offer made for another role is not the app's at all
    assertThat(dbOffer().usableBy(app(""), "*")).isEqualTo(Resources.EMPTY);
  }

  @Test
  void aTaskTakesFromItsRolesReservationFirst() {
    OfferPools pools = dbOffer();
    AppDefinition db = app(",\"role\":\"db\"");

    // 1.5 cpus: all from the reservation; then 1.5 more: 0.5 reserved, 1 for anyone
    assertThat(pools.take(db, Resources.parse("cpus:1.5;mem:128"))).isEqualTo(Resources.parse("cpus:1.5;mem:128"));
    assertThat(pools.take(db, Resources.parse("cpus:1.5;mem:128"))).isEqualTo(Resources.parse("cpus:0.5;mem:128"));
    assertThat(pools.usableBy(db, "db")).isEqualTo(Resources.parse("mem:512"));
  }
}
