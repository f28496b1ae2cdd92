package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The body of {@link FrameworkEvent#OFFERS}: new offers for the framework. */
@DataObject
public class ResourceOffers {

  private final List<Offer> offers;

  public ResourceOffers(List<Offer> offers) {
    this.offers = List.copyOf(offers);
  }

  public ResourceOffers(JsonObject json) {
    this(Json.list(json.getJsonArray("offers"), Offer::new));
  }

  public JsonObject toJson() {
    return new JsonObject().put("offers", Json.array(offers, Offer::toJson));
  }

  public List<Offer> getOffers() {
    return offers;
  }
}
