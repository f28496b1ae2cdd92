package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The body of {@link FrameworkEvent#INVERSE_OFFERS}. */
@DataObject
public class InverseOffers {

  private final List<InverseOffer> inverseOffers;

  public InverseOffers(List<InverseOffer> inverseOffers) {
    this.inverseOffers = List.copyOf(inverseOffers);
  }

  public InverseOffers(JsonObject json) {
    this(json.getJsonArray("inverse_offers", new JsonArray()).stream()
      .map(o -> new InverseOffer((JsonObject) o)).toList());
  }

  public JsonObject toJson() {
    return new JsonObject().put("inverse_offers", new JsonArray(inverseOffers.stream().map(InverseOffer::toJson).toList()));
  }

  public List<InverseOffer> getInverseOffers() {
    return inverseOffers;
  }
}
